package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FrameRange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Blocks cover the run's frames in order and are aligned to the storage chunks. */
class BlockPlannerTest {
  @Test
  void blocksFollowChunkBoundaries() {
    List<FrameRange> blocks = BlockPlanner.plan(FrameRange.of(3, 95), 10, 2, Integer.MAX_VALUE);
    assertEquals(List.of(FrameRange.of(3, 20), FrameRange.of(20, 40), FrameRange.of(40, 60), FrameRange.of(60, 80),
        FrameRange.of(80, 95)), blocks);
  }

  @Test
  void hugeChunksAreCutInsideTheChunk() {
    List<FrameRange> blocks = BlockPlanner.plan(FrameRange.of(0, 25), 12, 1, 5);
    assertEquals(List.of(FrameRange.of(0, 5), FrameRange.of(5, 10), FrameRange.of(10, 12), FrameRange.of(12, 17),
        FrameRange.of(17, 22), FrameRange.of(22, 24), FrameRange.of(24, 25)), blocks);
  }

  @Test
  void randomPlansCoverTheRangeAndNeverShareAChunk() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 500; trial++) {
      int frames = 1 + rnd.nextInt(300);
      int start = rnd.nextInt(frames);
      int stop = start + rnd.nextInt(frames - start + 1);
      int step = 1 + rnd.nextInt(7);
      int chunk = 1 + rnd.nextInt(20);
      int perBlock = 1 + rnd.nextInt(4);
      int maxFrames = rnd.nextBoolean() ? Integer.MAX_VALUE : 1 + rnd.nextInt(30);
      FrameRange range = new FrameRange(start, stop, step);
      List<FrameRange> blocks = BlockPlanner.plan(range, chunk, perBlock, maxFrames);
      int[] covered = blocks.stream().flatMapToInt(b -> IntStream.of(b.toArray())).toArray();
      assertArrayEquals(range.toArray(), covered, "frames of " + range);
      Set<Integer> chunksSeen = new HashSet<>();
      for (FrameRange b : blocks) {
        assertEquals(step, b.step());
        assertTrue(b.size() > 0);
        Set<Integer> chunks = new HashSet<>();
        for (int f : b.toArray()) {
          chunks.add(f / chunk);
        }
        assertTrue(chunks.size() <= perBlock, "block " + b + " spans " + chunks.size() + " chunks of " + chunk);
        if ((long) chunk * perBlock <= maxFrames) {
          for (int c : chunks) {
            assertTrue(chunksSeen.add(c), "chunk " + c + " read by two blocks in " + blocks);
          }
        } else {
          assertTrue(b.last() - b.start() < maxFrames, "block " + b + " longer than " + maxFrames);
        }
      }
    }
  }
}
