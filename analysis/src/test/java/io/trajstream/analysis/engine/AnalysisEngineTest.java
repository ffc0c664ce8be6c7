package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisContext;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.FrameSeries;
import io.trajstream.analysis.builtin.RadiusOfGyration;
import io.trajstream.analysis.builtin.Rmsd;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine: frame ranges, chunk-aligned reads on its own I/O pool, bounded prefetch, progress, cancellation, errors. */
class AnalysisEngineTest {
  private final SyntheticTrajectory traj = SyntheticTrajectory.builder().atoms(40).frames(120).seed(9).build();

  private static AnalysisResult run(TrajectoryReader r, Analysis<?, ?> a, RunOptions o) throws IOException {
    return (AnalysisResult) AnalysisEngine.run(r, a, o);
  }

  @Test
  void startStopStepSelectFrames() throws IOException {
    RunOptions o = RunOptions.builder().start(5).stop(62).step(4).threads(2).build();
    AnalysisResult r = run(traj.reader(10), new RadiusOfGyration(Weights.NONE), o);
    int[] expected = new FrameRange(5, 62, 4).toArray();
    assertArrayEquals(java.util.Arrays.stream(expected).asDoubleStream().toArray(), r.axis());
    AnalysisResult all = run(traj.reader(10), new RadiusOfGyration(Weights.NONE), RunOptions.builder().threads(1).build());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(all.values()[expected[i]], r.values()[i], 0.0, "frame " + expected[i]);
    }
    assertEquals(0, run(traj.reader(10), new RadiusOfGyration(Weights.NONE),
        RunOptions.builder().start(50).stop(50).build()).size());
    assertEquals(120 - 100, run(traj.reader(10), new RadiusOfGyration(Weights.NONE),
        RunOptions.builder().start(100).stop(1000).build()).size());
  }

  @Test
  void readsAreChunkAlignedAndRunOnTheEnginesIoPool() throws IOException {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(8));
    RunOptions o = RunOptions.builder().threads(2).ioThreads(3).chunksPerBlock(2).start(3).build();
    run(reader, new Rmsd(0, Weights.NONE, true, true), o);
    for (FrameRange r : reader.ranges) {
      if (r.size() == 1 && r.start() == 0) {
        continue; // the reference frame
      }
      assertEquals(r.start() / 16, (r.stop() - 1) / 16, "block " + r + " crosses a 2-chunk window");
    }
    assertFalse(reader.threads.isEmpty());
    for (String t : reader.threads) {
      assertTrue(t.startsWith("trajstream-analysis-io") || t.startsWith("trajstream-analysis"), "read on thread " + t);
      assertFalse(t.contains("ForkJoinPool"), "read on the common pool: " + t);
    }
    assertTrue(reader.threads.stream().anyMatch(t -> t.startsWith("trajstream-analysis-io")));
    assertTrue(reader.maxActive.get() <= 3 + 1, "concurrent reads " + reader.maxActive.get() + " beyond the I/O pool");
  }

  @Test
  void prefetchRunsAheadOfComputeButStaysWithinTheInFlightBound() throws IOException {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(4));
    AtomicInteger maxOutstanding = new AtomicInteger();
    AtomicInteger folded = new AtomicInteger();
    Analysis<FrameSeries, AnalysisResult> slow = new SlowRg(15);
    ProgressListener track = p -> {
      folded.set(p.blocksDone());
      maxOutstanding.accumulateAndGet(reader.started.get() - p.blocksDone(), Math::max);
    };
    RunOptions o = RunOptions.builder().threads(1).ioThreads(4).inFlight(5).chunksPerBlock(1).progress(track).build();
    run(reader, slow, o);
    assertEquals(30, folded.get());
    assertTrue(maxOutstanding.get() <= 5, "outstanding blocks " + maxOutstanding.get());
    assertTrue(maxOutstanding.get() >= 3, "reads should run ahead of a slow compute; max outstanding "
        + maxOutstanding.get());
  }

  @Test
  void progressReportsFramesBytesAndRate() throws IOException {
    List<Progress> seen = new ArrayList<>();
    RunOptions o = RunOptions.builder().threads(2).chunksPerBlock(1).progress(seen::add).build();
    run(traj.reader(10), new RadiusOfGyration(Weights.NONE), o);
    Progress last = seen.get(seen.size() - 1);
    assertEquals(120, last.framesTotal());
    assertEquals(120, last.framesDone());
    assertTrue(last.isComplete());
    assertEquals(12, last.blocksTotal());
    assertEquals(120L * 40 * 3 * 4, last.bytesRead());
    assertTrue(last.framesPerSecond() > 0 && last.bytesPerSecond() > 0);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i).framesDone() >= seen.get(i - 1).framesDone());
    }
    AtomicInteger counter = new AtomicInteger(1234);
    List<Progress> metered = new ArrayList<>();
    run(traj.reader(10), new RadiusOfGyration(Weights.NONE),
        RunOptions.builder().bytesRead(counter::get).progress(metered::add).build());
    assertEquals(1234, metered.get(metered.size() - 1).bytesRead(), "store byte counter is reported");
  }

  @Test
  void cancellationStopsTheRun() {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(1));
    reader.delayMillis = 20;
    Cancellation cancel = new Cancellation();
    RunOptions o = RunOptions.builder().threads(2).ioThreads(2).chunksPerBlock(1).cancellation(cancel)
        .progress(p -> {
          if (p.framesDone() >= 10) {
            cancel.cancel();
          }
        }).build();
    CancellationException e = assertThrows(CancellationException.class,
        () -> run(reader, new RadiusOfGyration(Weights.NONE), o));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    assertTrue(reader.started.get() < 60, "reads went on after cancelling: " + reader.started.get());
  }

  @Test
  void readErrorsSurfaceAsIoExceptions() {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(10));
    reader.failAtFrame = 77;
    IOException e = assertThrows(IOException.class,
        () -> run(reader, new RadiusOfGyration(Weights.NONE), RunOptions.builder().threads(2).build()));
    assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
  }

  @Test
  void analysisErrorsSurfaceUnchanged() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> run(traj.reader(10), new RadiusOfGyration(Weights.MASS), RunOptions.defaults()));
    assertTrue(e.getMessage().contains("masses"), e.getMessage());
  }

  @Test
  void mdUnitsConvertWhatTheAnalysisSees() throws IOException {
    TrajectoryReader inNm = new io.trajstream.analysis.ArrayTrajectory(3, 2,
        new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0}, null, 1, "nm");
    AnalysisResult nativeUnits = run(inNm, new RadiusOfGyration(Weights.NONE), RunOptions.defaults());
    AnalysisResult md = run(inNm, new RadiusOfGyration(Weights.NONE), RunOptions.builder().units(UnitMode.MD).build());
    assertEquals("nm", nativeUnits.unit());
    assertEquals("Angstrom", md.unit());
    assertEquals(10 * nativeUnits.values()[1], md.values()[1], 1e-5);
  }

  /** Rg that sleeps per block, to make compute the bottleneck. */
  static final class SlowRg implements Analysis<FrameSeries, AnalysisResult> {
    private static final long serialVersionUID = 1L;
    private final RadiusOfGyration rg = new RadiusOfGyration(Weights.NONE);
    private final long millis;

    SlowRg(long millis) {
      this.millis = millis;
    }

    @Override
    public String name() {
      return "slow-rg";
    }

    @Override
    public Set<Field> fields() {
      return EnumSet.of(Field.POSITION);
    }

    @Override
    public FrameSeries newAccumulator(AnalysisContext ctx) {
      return rg.newAccumulator(ctx);
    }

    @Override
    public FrameSeries accumulate(FrameSeries acc, FrameBlock block, AnalysisContext ctx) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return rg.accumulate(acc, block, ctx);
    }

    @Override
    public FrameSeries combine(FrameSeries earlier, FrameSeries later) {
      return rg.combine(earlier, later);
    }

    @Override
    public AnalysisResult finish(FrameSeries acc, AnalysisContext ctx) {
      return rg.finish(acc, ctx);
    }
  }

}
