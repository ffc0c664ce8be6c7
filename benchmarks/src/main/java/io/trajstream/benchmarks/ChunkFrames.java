package io.trajstream.benchmarks;

/**
 * A chunk-length choice: a number of frames, or {@code auto}, which is what the zarrmd writer picks
 * by default (as zarrtraj): as many frames as fit 12 MiB.
 */
public final class ChunkFrames {
  /** The byte target of {@code auto}. */
  public static final long AUTO_BYTES = 12L * 1024 * 1024;

  private ChunkFrames() {}

  /** Frames per chunk for {@code spec} ({@code auto} or a positive number), capped at {@code frames}. */
  public static int resolve(String spec, long bytesPerFrame, int frames) {
    int k;
    if (spec.trim().equalsIgnoreCase("auto")) {
      k = (int) Math.max(1, Math.min(Integer.MAX_VALUE, AUTO_BYTES / Math.max(1, bytesPerFrame)));
    } else {
      try {
        k = Integer.parseInt(spec.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("chunk frames '" + spec + "' is not a number or 'auto'");
      }
      if (k < 1) {
        throw new IllegalArgumentException("chunk frames must be >= 1, got " + k);
      }
    }
    return Math.max(1, Math.min(k, Math.max(1, frames)));
  }
}
