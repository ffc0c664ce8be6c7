package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.engine.BlockPlanner.Layout;
import io.trajstream.analysis.engine.BlockPlanner.Sizing;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reads hold whole storage chunks, each chunk in one read only; blocks cover the run's frames in
 * order, each inside one read of every field group and no longer than a block may be.
 */
class BlockPlannerTest {
  private static final Set<Field> POS = EnumSet.of(Field.POSITION);

  /** Chunk ids of the frames of {@code range} for chunks of {@code perChunk} frames. */
  private static long[] regular(FrameRange range, int perChunk) {
    long[] ids = new long[range.size()];
    for (int p = 0; p < ids.length; p++) {
      ids[p] = range.frame(p) / perChunk;
    }
    return ids;
  }

  private static List<int[]> spans(List<BlockPlan.Read> reads) {
    List<int[]> out = new ArrayList<>();
    reads.forEach(r -> out.add(new int[] {r.frames().start(), r.frames().stop()}));
    return out;
  }

  @Test
  void readsHoldWholeChunksUpToTheCount() {
    FrameRange range = FrameRange.of(3, 95);
    BlockPlan plan = BlockPlanner.plan(range, List.of(Layout.of(POS, regular(range, 10), 10, 1)),
        new Sizing(Long.MAX_VALUE, 1, 2, Integer.MAX_VALUE));
    assertEquals(List.of(FrameRange.of(3, 20), FrameRange.of(20, 40), FrameRange.of(40, 60), FrameRange.of(60, 80),
        FrameRange.of(80, 95)), plan.reads(0).stream().map(BlockPlan.Read::frames).toList());
    assertEquals(plan.reads(0).stream().map(BlockPlan.Read::frames).toList(), plan.blockRanges());
  }

  @Test
  void aChunkLargerThanABlockIsReadOnceAndHandedOutInPieces() {
    FrameRange range = FrameRange.of(0, 25);
    BlockPlan plan = BlockPlanner.plan(range, List.of(Layout.of(POS, regular(range, 12), 12, 1)),
        new Sizing(5, 1, 0, 5));
    assertEquals(List.of(FrameRange.of(0, 12), FrameRange.of(12, 24), FrameRange.of(24, 25)),
        plan.reads(0).stream().map(BlockPlan.Read::frames).toList());
    assertEquals(List.of(FrameRange.of(0, 4), FrameRange.of(4, 8), FrameRange.of(8, 12), FrameRange.of(12, 16),
        FrameRange.of(16, 20), FrameRange.of(20, 24), FrameRange.of(24, 25)), plan.blockRanges());
    assertEquals(List.of(0, 0, 0, 1, 1, 1, 2), plan.blocks().stream().map(b -> b.read(0)).toList());
    assertEquals(List.of(2, 5, 6), plan.reads(0).stream().map(BlockPlan.Read::lastBlock).toList());
  }

  @Test
  void readsGrowToTheTargetBytesAndSpreadOverTheIoThreads() {
    FrameRange range = FrameRange.of(0, 1000);
    // 10-frame chunks of 100 bytes: 4 chunks per read by size
    BlockPlan bySize = BlockPlanner.plan(range, List.of(Layout.of(POS, regular(range, 10), 100, 10)),
        new Sizing(450, 1, 0, Integer.MAX_VALUE));
    assertEquals(25, bySize.reads(0).size());
    assertTrue(bySize.reads(0).stream().allMatch(r -> r.size() == 40));
    // at least 50 reads wanted: 2 chunks each
    BlockPlan spread = BlockPlanner.plan(range, List.of(Layout.of(POS, regular(range, 10), 100, 10)),
        new Sizing(450, 50, 0, Integer.MAX_VALUE));
    assertEquals(50, spread.reads(0).size());
  }

  @Test
  void aBoxInOneChunkIsReadOnceBesidePositionsInManyChunks() {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(30).frames(200).fields(EnumSet.of(Field.POSITION,
        Field.BOX)).build();
    TrajectoryReader r = new ChunkedReader(t, java.util.Map.of(Field.POSITION, 40, Field.BOX, 200));
    RunOptions o = RunOptions.builder().threads(2).ioThreads(2).blockBytes(30 * 12 * 15).build();
    BlockPlan plan = BlockPlanner.plan(r, EnumSet.of(Field.POSITION, Field.BOX), o);
    assertEquals(List.of(EnumSet.of(Field.POSITION), EnumSet.of(Field.BOX)), plan.groups());
    assertEquals(5, plan.reads(0).size(), "one read per 40-frame position chunk");
    assertEquals(1, plan.reads(1).size(), "the box chunk read once");
    assertEquals(plan.blocks().size() - 1, plan.reads(1).get(0).lastBlock());
    for (BlockPlan.Block b : plan.blocks()) {
      assertTrue(b.size() <= 15, b.toString());
    }
  }

  @Test
  void randomPlansReadEveryChunkOnceAndCoverTheFramesInOrder() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 2000; trial++) {
      int frames = 1 + rnd.nextInt(300);
      int start = rnd.nextInt(frames);
      int stop = start + 1 + rnd.nextInt(frames - start);
      int step = 1 + rnd.nextInt(7);
      FrameRange range = new FrameRange(start, stop, step);
      int n = range.size();
      int groups = 1 + rnd.nextInt(3);
      List<Layout> layouts = new ArrayList<>();
      List<long[]> ids = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        int chunk = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 400);
        long[] id = regular(range, chunk);
        if (rnd.nextInt(4) == 0) {
          // a field sampled at some frames only
          for (int p = 0; p < n; p++) {
            if (rnd.nextInt(3) == 0) {
              id[p] = -1;
            }
          }
        }
        ids.add(id);
        layouts.add(Layout.of(EnumSet.of(Field.values()[g]), id, chunk * 10L, 10));
      }
      boolean byCount = rnd.nextBoolean();
      int maxBlock = rnd.nextBoolean() ? Integer.MAX_VALUE : 1 + rnd.nextInt(30);
      long readBytes = 1 + rnd.nextInt(2000);
      Sizing sizing = byCount ? new Sizing(Long.MAX_VALUE, 1, 1 + rnd.nextInt(4), maxBlock)
          : new Sizing(readBytes, 1 + rnd.nextInt(8), 0, maxBlock);
      BlockPlan plan = BlockPlanner.plan(range, layouts, sizing);
      String where = "trial " + trial + " " + range + " " + plan;

      // blocks cover every position once, in order, each short enough and inside one read per group
      int next = 0;
      for (int i = 0; i < plan.blocks().size(); i++) {
        BlockPlan.Block b = plan.blocks().get(i);
        assertEquals(next, b.from(), where);
        assertTrue(b.size() > 0 && b.size() <= maxBlock, where);
        assertEquals(new FrameRange(range.frame(b.from()), range.frame(b.to() - 1) + 1, step), b.frames(), where);
        for (int g = 0; g < groups; g++) {
          BlockPlan.Read r = plan.reads(g).get(b.read(g));
          assertTrue(r.from() <= b.from() && b.to() <= r.to(), where);
          assertTrue(r.lastBlock() >= i, where);
        }
        next = b.to();
      }
      assertEquals(n, next, where);
      for (int g = 0; g < groups; g++) {
        // reads cover every position once; no chunk is in two reads
        Set<Long> seen = new HashSet<>();
        int at = 0;
        for (BlockPlan.Read r : plan.reads(g)) {
          assertEquals(at, r.from(), where);
          Set<Long> mine = new HashSet<>();
          for (int p = r.from(); p < r.to(); p++) {
            if (ids.get(g)[p] >= 0) {
              mine.add(ids.get(g)[p]);
            }
          }
          for (long c : mine) {
            assertTrue(seen.add(c), "chunk " + c + " of group " + g + " in two reads: " + where);
          }
          if (byCount) {
            assertTrue(mine.size() <= sizing.chunksPerRead() || r.size() == 1 || mine.size() == 1, where);
          }
          assertEquals(plan.blocks().get(r.lastBlock()).read(g), plan.reads(g).indexOf(r), where);
          at = r.to();
        }
        assertEquals(n, at, where);
      }
    }
  }

  @Test
  void theDefaultChunkOfAFrameFollowsTheReportedLayout() {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(5).frames(30).fields(POS).build();
    TrajectoryReader r = t.reader(7);
    assertEquals(0, r.storageChunk(Field.POSITION, 6));
    assertEquals(1, r.storageChunk(Field.POSITION, 7));
    assertEquals(4, r.storageChunk(Field.POSITION, 29));
    assertEquals(-1, r.storageChunk(Field.POSITION, 30));
    assertEquals(-1, r.storageChunk(Field.FORCE, 3), "a field without a layout has no chunk");
  }
}
