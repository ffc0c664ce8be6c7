package io.trajstream.analysis.engine;

import io.trajstream.format.FrameRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the frames of a run into blocks aligned to the storage chunks: a block never straddles a
 * chunk boundary that is not also a block boundary, so each chunk is fetched by one block only. A
 * block holds the frames of {@code chunksPerBlock} consecutive chunks; chunks larger than {@code
 * maxBlockFrames} are cut into equal pieces from the chunk start.
 */
public final class BlockPlanner {
  private BlockPlanner() {}

  /**
   * Plans the blocks of {@code range}.
   *
   * @param framesPerChunk storage chunk length in frames (≥ 1)
   * @param chunksPerBlock chunks per block (≥ 1)
   * @param maxBlockFrames upper bound of a block's span in frames (≥ 1)
   */
  public static List<FrameRange> plan(FrameRange range, int framesPerChunk, int chunksPerBlock, int maxBlockFrames) {
    if (framesPerChunk < 1 || chunksPerBlock < 1 || maxBlockFrames < 1) {
      throw new IllegalArgumentException("framesPerChunk, chunksPerBlock and maxBlockFrames must be >= 1");
    }
    long span = (long) framesPerChunk * chunksPerBlock;
    long unit = span;
    if (span > maxBlockFrames) {
      // whole chunks per block are too many frames: cut inside chunks, keeping chunk boundaries
      unit = Math.min(framesPerChunk, maxBlockFrames);
    }
    List<FrameRange> blocks = new ArrayList<>();
    int n = range.size();
    int i = 0;
    while (i < n) {
      int first = range.frame(i);
      long window = window(first, framesPerChunk, unit);
      int j = i;
      while (j + 1 < n && window(range.frame(j + 1), framesPerChunk, unit) == window) {
        j++;
      }
      blocks.add(new FrameRange(first, range.frame(j) + 1, range.step()));
      i = j + 1;
    }
    return blocks;
  }

  /** Start of the block window holding {@code frame}. */
  private static long window(int frame, int framesPerChunk, long unit) {
    if (unit >= framesPerChunk) {
      return (frame / unit) * unit;
    }
    long chunkStart = (long) (frame / framesPerChunk) * framesPerChunk;
    return chunkStart + ((frame - chunkStart) / unit) * unit;
  }
}
