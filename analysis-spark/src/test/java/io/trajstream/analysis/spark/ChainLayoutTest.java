package io.trajstream.analysis.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.BlockPlan;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.ChainedTrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Spark: the driver's tasks of a chain each name the one part their frames lie in, and the
 * chain an executor rebuilds from the driver's metadata opens only the parts it reads, giving the
 * frames, times and steps of the chain the driver opened.
 */
class ChainLayoutTest {
  @TempDir static Path dir;
  private static List<String> parts;

  @BeforeAll
  static void write() throws IOException {
    Trajectories.writeZarrmdPart(dir, "a.zarrmd", 21, 60, 0);
    Trajectories.writeZarrmdPart(dir, "b.zarrmd", 22, 50, 45);
    Trajectories.writeZarrmdPart(dir, "c.zarrmd", 23, 40, 83);
    parts = List.of(dir.resolve("a.zarrmd").toString(), dir.resolve("b.zarrmd").toString(),
        dir.resolve("c.zarrmd").toString());
  }

  @Test
  void everyTaskReadsOnePartAndOpensOnlyIt() throws IOException {
    TrajStream ts = TrajStream.create();
    for (boolean continuous : new boolean[] {false, true}) {
      try (DriverTrajectory driver = DriverTrajectory.open(ts, TrajectoryParts.of(parts, continuous),
          StoreConfig.empty(), ReadOptions.defaults())) {
        TrajectoryReader chain = driver.reader();
        BlockPlan plan = AnalysisEngine.plan(chain, EnumSet.of(Field.POSITION),
            RunOptions.builder().start(2).step(2).threads(3).ioThreads(3).build());
        List<BlockPlan.Split> splits = plan.splits();
        assertTrue(splits.size() >= 3, splits.size() + " splits");
        int[] seen = new int[3];
        for (int s = 0; s < splits.size(); s++) {
          SplitTask task = driver.task(0, s, splits.get(s), plan.blockSizes(splits.get(s)));
          FrameRange frames = task.frames();
          String what = "split " + frames + ", continuous=" + continuous;
          int part = chain.info().partOf(frames.start());
          assertEquals(part, chain.info().partOf(frames.last()), what + " lies in one part");
          assertEquals(parts.get(task.part()), task.url(), what);
          seen[task.part()]++;
          try (ChainedTrajectoryReader executor = driver.layout().open(ts, StoreConfig.empty(), ReadOptions.defaults(),
              task.part())) {
            assertEquals(chain.info().frames(), executor.info().frames(), what);
            FrameBlock mine = executor.read(frames, AtomSelection.all(), EnumSet.of(Field.POSITION));
            FrameBlock theirs = chain.read(frames, AtomSelection.all(), EnumSet.of(Field.POSITION));
            for (int i = 0; i < frames.size(); i++) {
              assertEquals(frames.frame(i), mine.frame(i), what + ": the chain's frame number");
              assertEquals(theirs.time(i), mine.time(i), 0.0, what + ": time");
              assertEquals(theirs.step(i), mine.step(i), what + ": step");
            }
            assertEquals(theirs.positions().length, mine.positions().length, what);
            for (int k = 0; k < mine.positions().length; k++) {
              assertEquals(theirs.positions()[k], mine.positions()[k], 0.0f, what + ": position " + k);
            }
            for (int p = 0; p < parts.size(); p++) {
              DeferredPartReader r = (DeferredPartReader) executor.parts().get(p);
              assertEquals(p == task.part(), r.isOpen(), what + ": part " + p + " opened");
            }
          }
        }
        for (int p = 0; p < 3; p++) {
          assertTrue(seen[p] > 0, "a split of part " + p + ", continuous=" + continuous);
        }
      }
    }
  }

  @Test
  void aFrameOfAnotherPartOpensThatPartOnly() throws IOException {
    TrajStream ts = TrajStream.create();
    try (DriverTrajectory driver = DriverTrajectory.open(ts, TrajectoryParts.of(parts, true), StoreConfig.empty(),
        ReadOptions.defaults());
        ChainedTrajectoryReader executor = driver.layout().open(ts, StoreConfig.empty(), ReadOptions.defaults(), 2)) {
      // joined by time: a keeps 45 frames, b 38 (45..82 ps), c 40
      assertEquals(123, executor.info().frames());
      FrameBlock f = executor.read(FrameRange.single(50), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertEquals(50, f.frame(0));
      assertEquals(50.0, f.time(0), 0.0);
      assertFalse(((DeferredPartReader) executor.parts().get(0)).isOpen(), "part a");
      assertTrue(((DeferredPartReader) executor.parts().get(1)).isOpen(), "part b");
    }
  }
}
