package io.trajstream.analysis.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.RadiusOfGyration;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.BlockPlan;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts whose lengths are no multiple of their chunk length (7, 9 and 5 frames in chunks of 4): for
 * block sizes from one frame to everything, with and without a stride, no read or block of the
 * engine's plan spans two parts, and the results per frame equal those of each part run alone.
 */
class BlocksNeverSpanPartsTest {
  @TempDir Path dir;

  @Test
  void noBlockSpansTwoPartsAndResultsEqualThePartsAlone() throws IOException {
    int[] frames = {7, 9, 5};
    List<String> urls = new ArrayList<>();
    for (int p = 0; p < frames.length; p++) {
      SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(50).frames(frames[p]).seed(p + 10)
          .fields(EnumSet.of(Field.POSITION)).build();
      t.writeTo(new ZarrmdFormat(), new FileStore(dir), "p" + p + ".zarrmd",
          WriteOptions.defaults().with("chunk-frames", "4"), 3);
      urls.add(dir.resolve("p" + p + ".zarrmd").toString());
    }
    TrajStream ts = TrajStream.create();
    List<Double> alone = new ArrayList<>();
    for (String u : urls) {
      try (TrajectoryReader r = ts.open(u, StoreConfig.empty())) {
        for (double v : ((AnalysisResult) AnalysisEngine.run(r, new RadiusOfGyration(Weights.NONE),
            RunOptions.defaults())).values()) {
          alone.add(v);
        }
      }
    }
    try (TrajectoryReader chain = ts.open(urls, StoreConfig.empty(), ReadOptions.defaults(), false)) {
      TrajectoryInfo info = chain.info();
      assertEquals(List.of(0, 7, 16), info.partStarts());
      assertNotEquals(chain.storageChunk(Field.POSITION, 6), chain.storageChunk(Field.POSITION, 7),
          "the last chunk of a part and the first of the next are different chunks");
      List<RunOptions> runs = List.of(
          RunOptions.builder().chunksPerBlock(1 << 20).threads(1).ioThreads(1).build(),
          RunOptions.builder().blockBytes(1L << 30).threads(1).ioThreads(1).build(),
          RunOptions.builder().blockBytes(600).threads(2).ioThreads(2).build(),
          RunOptions.builder().chunksPerBlock(2).threads(2).ioThreads(2).build(),
          RunOptions.builder().start(2).step(3).threads(2).ioThreads(2).build());
      for (RunOptions o : runs) {
        BlockPlan plan = AnalysisEngine.plan(chain, EnumSet.of(Field.POSITION), o);
        for (FrameRange b : plan.blockRanges()) {
          assertEquals(info.partOf(b.start()), info.partOf(b.last()), b + " spans parts, " + plan);
        }
        for (BlockPlan.Read r : plan.reads(0)) {
          assertEquals(info.partOf(r.frames().start()), info.partOf(r.frames().last()), r + " spans parts, " + plan);
        }
        double[] got = ((AnalysisResult) AnalysisEngine.run(chain, new RadiusOfGyration(Weights.NONE), o)).values();
        FrameRange run = o.frames(info.frames());
        double[] expected = new double[run.size()];
        for (int i = 0; i < run.size(); i++) {
          expected[i] = alone.get(run.frame(i));
        }
        assertArrayEquals(expected, got, 0, plan.toString());
      }
    }
  }
}
