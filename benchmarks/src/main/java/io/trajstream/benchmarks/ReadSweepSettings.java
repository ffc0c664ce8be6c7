package io.trajstream.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * What a read-only sweep of an existing trajectory covers: compute thread counts, I/O thread
 * counts and part sizes (every combination is one cell), at most {@code frames} frames (0: all),
 * and how many times each cell is measured (the best counts). {@code latency} and {@code
 * bandwidth} (bytes per second, 0: none) add a simulated network on top of the store.
 */
public record ReadSweepSettings(List<Integer> threads, List<Integer> ioThreads, List<PartSize> partSizes, int frames,
    int repeats, Duration latency, long bandwidth) {

  public ReadSweepSettings {
    threads = List.copyOf(threads);
    ioThreads = List.copyOf(ioThreads);
    partSizes = List.copyOf(partSizes);
    if (threads.isEmpty() || ioThreads.isEmpty() || partSizes.isEmpty()) {
      throw new IllegalArgumentException("give at least one thread count, I/O thread count and part size");
    }
    for (int t : threads) {
      if (t < 1) {
        throw new IllegalArgumentException("thread counts must be >= 1, got " + t);
      }
    }
    for (int t : ioThreads) {
      if (t < 1) {
        throw new IllegalArgumentException("I/O thread counts must be >= 1, got " + t);
      }
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0 (0: all), got " + frames);
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
  }

  /** The number of cells: one per combination of threads, I/O threads and part size. */
  public int cells() {
    return threads.size() * ioThreads.size() * partSizes.size();
  }
}
