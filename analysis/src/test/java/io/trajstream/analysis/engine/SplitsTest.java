package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.RadiusOfGyration;
import io.trajstream.analysis.builtin.Rmsf;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Splits cover the blocks in order, one per read of the group that decodes the most (so a split
 * read alone fetches position chunks no other split needs), also beside a box in one chunk; accumulating each split on its own with {@link
 * AnalysisEngine#accumulate} and combining the splits in order gives the engine's result.
 */
class SplitsTest {
  private final SyntheticTrajectory traj = SyntheticTrajectory.builder().atoms(30).frames(200)
      .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();

  @Test
  void oneSplitPerPositionReadBesideABoxInOtherChunks() {
    for (int boxChunk : new int[] {70, 200}) {
      TrajectoryReader r = new ChunkedReader(traj, Map.of(Field.POSITION, 40, Field.BOX, boxChunk));
      RunOptions o = RunOptions.builder().start(3).stop(190).step(2).threads(2).ioThreads(2).blockBytes(30 * 12 * 8).build();
      BlockPlan plan = AnalysisEngine.plan(r, EnumSet.of(Field.POSITION, Field.BOX), o);
      assertEquals(2, plan.groups().size());
      assertEquals(EnumSet.of(Field.POSITION), plan.groups().get(0));
      List<BlockPlan.Split> splits = plan.splits();
      assertEquals(plan.reads(0).size(), splits.size(), splits + " of " + plan);
      int block = 0;
      int position = 0;
      for (int i = 0; i < splits.size(); i++) {
        BlockPlan.Split s = splits.get(i);
        assertEquals(block, s.firstBlock());
        assertEquals(position, s.from());
        assertEquals(plan.reads(0).get(i).frames(), s.frames(), "split " + i + " is position read " + i);
        assertEquals(s.size(), java.util.Arrays.stream(plan.blockSizes(s)).sum());
        block = s.endBlock();
        position = s.to();
      }
      assertEquals(plan.blocks().size(), block);
      assertEquals(plan.frames().size(), position);
    }
  }

  @Test
  void splitsAccumulatedApartAndCombinedInOrderGiveTheEnginesResult() throws IOException {
    TrajectoryReader r = new ChunkedReader(traj, Map.of(Field.POSITION, 10, Field.BOX, 25));
    RunOptions o = RunOptions.builder().threads(2).ioThreads(2).blockBytes(30 * 12 * 4).build();
    for (Analysis<?, ?> a : List.<Analysis<?, ?>>of(new RadiusOfGyration(Weights.NONE), new Rmsf())) {
      assertEquals(((AnalysisResult) AnalysisEngine.run(r, a, o)).values().length, bySplits(r, a, o).values().length);
      double[] expected = ((AnalysisResult) AnalysisEngine.run(r, a, o)).values();
      double[] actual = bySplits(r, a, o).values();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), a.name() + " value " + i);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static AnalysisResult bySplits(TrajectoryReader r, Analysis<?, ?> analysis, RunOptions o) throws IOException {
    Analysis<Serializable, ?> a = (Analysis<Serializable, ?>) analysis;
    EngineContext ctx = AnalysisEngine.context(r, a, o);
    BlockPlan plan = AnalysisEngine.plan(r, AnalysisEngine.fields(a), o);
    Serializable total = null;
    for (BlockPlan.Split s : plan.splits()) {
      FrameBlock data = r.read(s.frames(), ctx.selection(), AnalysisEngine.fields(a));
      Serializable acc = AnalysisEngine.accumulate(a, ctx, data, plan.blockSizes(s));
      total = total == null ? acc : a.combine(total, acc);
    }
    return (AnalysisResult) a.finish(total, ctx);
  }
}
