package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.EngineContext;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.StoreException;
import java.io.IOException;
import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/**
 * The task run on an executor for one split: opens the trajectory from (URL, store options) (a
 * chained trajectory as its {@link ChainLayout}, with only the split's part opened), reads
 * the split's frames with all the analysis' fields at once (whole chunks of the split's major field,
 * which no other task fetches), and accumulates the engine's blocks in frame order. The frames
 * carry the trajectory's numbers, times and steps (a chain's, not its part's), as in the engine.
 * Frame data stays on the executor; only the accumulator goes back.
 */
final class SplitAccumulator implements Function<SplitTask, SplitResult> {
  private static final long serialVersionUID = 1L;

  private final JobSpec job;

  SplitAccumulator(JobSpec job) {
    this.job = job;
  }

  @Override
  public SplitResult call(SplitTask task) throws IOException {
    @SuppressWarnings("unchecked")
    Analysis<Serializable, ?> analysis = (Analysis<Serializable, ?>) job.analysis();
    long t0 = System.nanoTime();
    try (TrajectoryReader reader = open(task)) {
      EngineContext ctx = AnalysisEngine.context(reader, analysis, job.runOptions());
      long t1 = System.nanoTime();
      FrameBlock data;
      try {
        data = reader.read(task.frames(), ctx.selection(), AnalysisEngine.fields(analysis));
      } catch (IOException e) {
        throw located(task, e);
      }
      long t2 = System.nanoTime();
      Serializable acc = AnalysisEngine.accumulate(analysis, ctx, data, task.blockSizes());
      long t3 = System.nanoTime();
      return new SplitResult(task.trajectory(), task.split(), acc, task.frames().size(), t1 - t0, t2 - t1, t3 - t2);
    }
  }

  /** The task's trajectory: its one URL, or its chain with the split's part open. */
  private TrajectoryReader open(SplitTask task) throws IOException {
    ChainLayout chain = job.chains().get(task.trajectory());
    if (chain == null) {
      return ExecutorPlugins.trajStream().open(task.url(), job.config(), job.readOptions());
    }
    return chain.open(ExecutorPlugins.trajStream(), job.config(), job.readOptions(), task.part());
  }

  /** {@code e}, or when its message does not name the trajectory, an exception that does. */
  private IOException located(SplitTask task, IOException e) {
    String msg = e.getMessage();
    if (msg != null && msg.contains(task.url())) {
      return e;
    }
    String frames = task.part() < 0 ? "frames " + task.frames() : "frames " + task.frames() + " of the chain";
    return new StoreException(task.url(), "reading " + frames + " for analysis "
        + job.analysis().name() + " failed: " + (msg == null ? e.getClass().getName() : msg), e);
  }
}
