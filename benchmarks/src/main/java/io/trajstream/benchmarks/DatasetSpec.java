package io.trajstream.benchmarks;

import java.util.Locale;

/**
 * One benchmark trajectory: format ({@code h5md} or {@code zarrmd}), size, chunk length and
 * compressor. Positions (float32) and a fixed box, generated from {@code SyntheticTrajectory} with
 * {@code seed}, so that both formats hold the same values.
 */
public record DatasetSpec(String format, int atoms, int frames, int chunkFrames, Compression compression, long seed) {

  public DatasetSpec {
    format = format.toLowerCase(Locale.ROOT);
    if (!format.equals("h5md") && !format.equals("zarrmd")) {
      throw new IllegalArgumentException("format '" + format + "' is not h5md or zarrmd");
    }
    if (atoms < 1 || frames < 1 || chunkFrames < 1) {
      throw new IllegalArgumentException("atoms, frames and chunk frames must be >= 1");
    }
  }

  /** Bytes of one frame of positions (float32 x, y, z per atom). */
  public static long bytesPerFrame(int atoms) {
    return 12L * atoms;
  }

  /** Bytes of all positions as float32: what a full read delivers. */
  public long positionBytes() {
    return bytesPerFrame(atoms) * frames;
  }

  /** The key (file or directory name) this trajectory is stored under. */
  public String key() {
    return String.format(Locale.ROOT, "bench_a%d_f%d_c%d_%s_s%d.%s", atoms, frames, chunkFrames,
        compression.label(), seed, format);
  }
}
