package io.trajstream.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * What a short sweep covers: chunk lengths ({@code 1}, {@code 10}, {@code auto}, …), thread counts,
 * the synthetic trajectory's size, format and compressor, and how many times each cell is measured
 * (the best counts). {@code latency} and {@code bandwidth} (bytes per second, 0: none) add a
 * simulated network on top of the store.
 */
public record SweepSettings(List<String> chunkFrames, List<Integer> threads, int atoms, int frames, String format,
    Compression compression, int repeats, Duration latency, long bandwidth, long seed) {

  public SweepSettings {
    chunkFrames = List.copyOf(chunkFrames);
    threads = List.copyOf(threads);
    if (chunkFrames.isEmpty() || threads.isEmpty()) {
      throw new IllegalArgumentException("give at least one chunk length and one thread count");
    }
    for (int t : threads) {
      if (t < 1) {
        throw new IllegalArgumentException("thread counts must be >= 1, got " + t);
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
  }

  /** The defaults of {@code trajstream bench}: chunks 1, 10, 100, auto; threads 1 to 16; 2 000 atoms, 300 frames. */
  public static SweepSettings defaults() {
    return new SweepSettings(List.of("1", "10", "100", "auto"), List.of(1, 2, 4, 8, 16), 2000, 300, "zarrmd",
        Compression.BLOSC_LZ4, 2, Duration.ZERO, 0, 42);
  }
}
