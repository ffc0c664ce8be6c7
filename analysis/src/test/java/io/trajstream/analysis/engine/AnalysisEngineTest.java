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
  void theReadsHeldStayWithinTheMemoryBudgetAndAChunkBeyondItIsTheFloor() throws IOException {
    long chunkBytes = 10L * 40 * 12;
    for (long budget : new long[] {3 * chunkBytes, chunkBytes / 2}) {
      InstrumentedReader reader = new InstrumentedReader(traj.reader(10));
      AtomicInteger maxOutstanding = new AtomicInteger();
      ProgressListener track = p -> maxOutstanding.accumulateAndGet(reader.started.get() - p.blocksDone(), Math::max);
      RunOptions o = RunOptions.builder().threads(1).ioThreads(4).inFlight(100).chunksPerBlock(1).memoryBytes(budget)
          .progress(track).build();
      AnalysisResult r = run(reader, new SlowRg(10), o);
      assertEquals(120, r.size());
      long allowed = Math.max(1, budget / chunkBytes);
      assertTrue(maxOutstanding.get() <= allowed, "reads held " + maxOutstanding.get() + " beyond " + allowed);
      assertEquals(serial(traj.reader(10), new SlowRg(0), o), r.toJson());
    }
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

  /** Runs {@code a} over {@code reader} in one block, serially: the result any plan must give. */
  private static String serial(TrajectoryReader reader, Analysis<?, ?> a, RunOptions o) throws IOException {
    return run(reader, a, o.toBuilder().threads(1).ioThreads(1).chunksPerBlock(1 << 20).build()).toJson();
  }

  @Test
  void everyChunkIsReadOnceWhateverItsLengthAgainstTheBlock() throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(30).frames(400).seed(3)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    int frameBytes = 30 * 12;
    List<Analysis<?, ?>> analyses = List.of(new RadiusOfGyration(Weights.NONE), new Rmsd(122, Weights.NONE, true, true),
        new io.trajstream.analysis.builtin.Rdf(20, 0, 10, "all", "all"));
    for (int chunk : new int[] {1, 7, 10, 64, 395, 400}) {
      for (int boxChunk : new int[] {chunk, 400}) {
        for (long blockBytes : new long[] {RunOptions.DEFAULT_BLOCK_BYTES, 5L * frameBytes}) {
          for (FrameRange frames : List.of(FrameRange.of(0, 400), new FrameRange(5, 390, 3))) {
            for (Analysis<?, ?> a : analyses) {
              RunOptions o = RunOptions.builder().threads(2).ioThreads(3).blockBytes(blockBytes)
                  .start(frames.start()).stop(frames.stop()).step(frames.step()).build();
              String what = a.name() + " chunk " + chunk + " box chunk " + boxChunk + " blockBytes " + blockBytes
                  + " frames " + frames;
              ChunkedReader reader = new ChunkedReader(t, java.util.Map.of(Field.POSITION, chunk, Field.BOX, boxChunk));
              String got = run(reader, a, o).toJson();
              assertEquals(1, reader.maxReadsOfAChunk(), what + ": " + reader.chunkReads);
              assertEquals(serial(new ChunkedReader(t, java.util.Map.of(Field.POSITION, chunk, Field.BOX, boxChunk)), a, o),
                  got, what);
            }
          }
        }
      }
    }
  }

  @Test
  void aSmallBlockSizeStillHandsOutBlocksOfThatSize() throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(30).frames(400).seed(3).build();
    ChunkedReader reader = new ChunkedReader(t, java.util.Map.of(Field.POSITION, 395));
    List<Integer> sizes = new ArrayList<>();
    Analysis<FrameSeries, AnalysisResult> sizesSeen = new SlowRg(0) {
      private static final long serialVersionUID = 1L;

      @Override
      public FrameSeries accumulate(FrameSeries acc, FrameBlock block, AnalysisContext ctx) {
        synchronized (sizes) {
          sizes.add(block.frameCount());
        }
        return super.accumulate(acc, block, ctx);
      }
    };
    run(reader, sizesSeen, RunOptions.builder().threads(2).blockBytes(40L * 30 * 12).build());
    assertEquals(1, reader.maxReadsOfAChunk());
    assertEquals(2, reader.reads.get(), "a read per chunk");
    assertEquals(400, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(sizes.stream().allMatch(s -> s <= 40), "blocks " + sizes);
  }

  @Test
  void aRunReturnsOnlyWhenNoneOfItsReadsIsStillGoing() {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(4));
    reader.delayMillis = 300;
    reader.uninterruptible = true;
    reader.failAtFrame = 0;
    RunOptions o = RunOptions.builder().threads(2).ioThreads(4).chunksPerBlock(1).build();
    assertThrows(IOException.class, () -> run(reader, new RadiusOfGyration(Weights.NONE), o));
    reader.stopped = true;
    assertEquals(0, reader.active.get(), "reads still going after run() threw");
    try {
      Thread.sleep(400);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(0, reader.startedAfterStop.get(), "reads started after run() threw");
  }

  @Test
  void aReadFailureNamesTheTrajectoryAndTheFrames() {
    InstrumentedReader reader = new InstrumentedReader(traj.reader(10));
    reader.failAtFrame = 33;
    reader.failure = new java.nio.channels.ClosedChannelException();
    IOException e = assertThrows(IOException.class,
        () -> run(reader, new RadiusOfGyration(Weights.NONE), RunOptions.builder().threads(2).build()));
    String m = e.getMessage();
    assertTrue(m != null && m.contains(traj.info().location()) && m.contains("frames [30,") && m.contains("position")
        && m.contains("ClosedChannelException"), m);
  }

  @Test
  void aLateReferenceFrameNeitherDeadlocksNorReadsItsChunkTwice() throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(20).frames(90).seed(4).build();
    Rmsd rmsd = new Rmsd(89, Weights.NONE, true, true);
    String expected = serial(t.reader(10), rmsd, RunOptions.defaults());
    for (int inFlight : new int[] {1, 2}) {
      ChunkedReader reader = new ChunkedReader(t, java.util.Map.of(Field.POSITION, 10));
      RunOptions o = RunOptions.builder().threads(1).ioThreads(1).inFlight(inFlight).chunksPerBlock(1).build();
      String got = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
          () -> run(reader, rmsd, o).toJson());
      assertEquals(expected, got);
      assertEquals(1, reader.maxReadsOfAChunk(), reader.chunkReads.toString());
    }
  }

  /** Rg that sleeps per block, to make compute the bottleneck. */
  static class SlowRg implements Analysis<FrameSeries, AnalysisResult> {
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
      if (millis > 0) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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
