package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.BlockPlan;
import io.trajstream.analysis.engine.EngineContext;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs an analysis over one or many trajectories as one Spark job, with the in-process engine's
 * result.
 *
 * <p>The driver opens each trajectory's metadata and plans it as the engine does ({@link
 * BlockPlan#splits()}: runs of the engine's blocks, one per read of the field that decodes the most,
 * usually positions). Each split of each trajectory is one partition. A task opens its reader on the
 * executor from (URL, {@link StoreConfig}), reads its split's chunks (each position chunk by one
 * task only; a small box chunk may be read by several),
 * accumulates the engine's blocks and sends back the accumulator alone: frame data never passes
 * through the driver, and what travels back is about an accumulator's size per partition. The
 * driver combines the accumulators of each trajectory in frame order and finishes them.
 *
 * <p>A trajectory may be given as its parts ({@link TrajectoryParts}: several URLs or a {@code *}
 * pattern, concatenated or joined by time), with the result of the engine over {@code
 * TrajStream.open(parts, config, readOptions, continuous)}: one result for the chain. The driver
 * opens the chain once and plans it (a split never spans two parts; joined by time, each part
 * contributes one contiguous range of its frames); each task opens only the part its split reads
 * (and another part only when the analysis asks for a frame there, such as an RMSD reference),
 * rebuilding the chain from the parts' metadata the driver read, so its frames carry the chain's
 * frame numbers, times and steps.
 *
 * <p>Floating-point sums: within a split the blocks' accumulators are combined left to right, as
 * the engine does; the splits' accumulators are then combined left to right. The engine instead
 * folds every block into one running total, so sums (RMSF, RDF histograms' normalisation, means)
 * may differ from the engine's in the last bits (relative differences around 1e-15); per-frame
 * series (RMSD, Rg, centre of mass) and MSD are computed frame by frame and equal the engine's
 * exactly.
 *
 * <p>Plan: the splits are sized for the cluster ({@link RunOptions#threads()} and {@link
 * RunOptions#ioThreads()} replaced by Spark's default parallelism), unless {@link
 * RunOptions#chunksPerBlock()} fixes them. A failing task is retried by Spark (its
 * {@code spark.task.maxFailures}; in local mode give the master as {@code local[N,F]}); when it
 * keeps failing the job fails with an {@link IOException} of one line naming the location.
 * Progress listeners and cancellation of {@code options} are not used.
 */
public final class SparkAnalysisRunner {
  private SparkAnalysisRunner() {}

  /** Runs the analysis {@code factory} makes of {@code params}; see {@link #run(SparkSession, List, StoreConfig, ReadOptions, Analysis, RunOptions)}. */
  public static SparkRun<Serializable> run(SparkSession spark, List<String> urls, StoreConfig config,
      AnalysisFactory factory, AnalysisParams params, RunOptions options) throws IOException {
    @SuppressWarnings("unchecked")
    Analysis<?, Serializable> analysis = (Analysis<?, Serializable>) factory.create(params);
    return run(spark, urls, config, ReadOptions.defaults(), analysis, options);
  }

  /** Runs {@code analysis} with default read options. */
  public static <R extends Serializable> SparkRun<R> run(SparkSession spark, List<String> urls, StoreConfig config,
      Analysis<?, R> analysis, RunOptions options) throws IOException {
    return run(spark, urls, config, ReadOptions.defaults(), analysis, options);
  }

  /**
   * Runs {@code analysis} over each trajectory of {@code urls} as one Spark job.
   *
   * @param urls trajectories (any store URL the executors can reach with {@code config}); distinct.
   *     Each is one trajectory with a result of its own; a URL with a {@code *} pattern is the
   *     chain of the keys it matches (see {@link #runAll})
   * @param config store options, sent to the executors with every task (see the README on credentials)
   * @param options frames, atoms, masses, units; thread counts are Spark's
   * @return each URL's result, and the job's figures
   * @throws IOException when a trajectory cannot be opened on the driver, or the job fails
   */
  public static <R extends Serializable> SparkRun<R> run(SparkSession spark, List<String> urls, StoreConfig config,
      ReadOptions readOptions, Analysis<?, R> analysis, RunOptions options) throws IOException {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("no trajectory given");
    }
    return runAll(spark, urls.stream().map(TrajectoryParts::of).toList(), config, readOptions, analysis, options);
  }

  /**
   * Runs {@code analysis} over one trajectory given as its parts, as one Spark job: the result of
   * the engine over the chain of the parts.
   *
   * @return the chain's result under {@link TrajectoryParts#name()} ({@link SparkRun#result()}), and
   *     the job's figures
   * @throws IOException when a part cannot be opened on the driver, or the job fails
   */
  public static <R extends Serializable> SparkRun<R> run(SparkSession spark, TrajectoryParts trajectory,
      StoreConfig config, ReadOptions readOptions, Analysis<?, R> analysis, RunOptions options) throws IOException {
    return runAll(spark, List.of(trajectory), config, readOptions, analysis, options);
  }

  /**
   * Runs {@code analysis} over each trajectory of {@code trajectories} (each one URL, or the parts of
   * one chained trajectory) as one Spark job.
   *
   * @param trajectories distinct by {@link TrajectoryParts#name()}
   * @param config store options, sent to the executors with every task (see the README on credentials)
   * @param options frames, atoms, masses, units (frames in each trajectory's own numbering, a
   *     chain's for parts); thread counts are Spark's
   * @return each trajectory's result by {@link TrajectoryParts#name()}, in the order given, and the
   *     job's figures
   * @throws IOException when a trajectory cannot be opened on the driver, or the job fails
   */
  public static <R extends Serializable> SparkRun<R> runAll(SparkSession spark, List<TrajectoryParts> trajectories,
      StoreConfig config, ReadOptions readOptions, Analysis<?, R> analysis, RunOptions options) throws IOException {
    if (trajectories.isEmpty()) {
      throw new IllegalArgumentException("no trajectory given");
    }
    List<String> names = trajectories.stream().map(TrajectoryParts::name).toList();
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("a trajectory is given twice: " + names);
    }
    @SuppressWarnings("unchecked")
    Analysis<Serializable, R> a = (Analysis<Serializable, R>) analysis;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slots = Math.max(1, jsc.defaultParallelism());
    RunOptions planOptions = options.chunksPerBlock() > 0 ? options
        : options.toBuilder().threads(slots).ioThreads(slots).build();
    TrajStream ts = TrajStream.create();
    List<DriverTrajectory> opened = new ArrayList<>();
    try {
      long t0 = System.nanoTime();
      List<EngineContext> contexts = new ArrayList<>();
      List<SplitTask> tasks = new ArrayList<>();
      Map<Integer, ChainLayout> chains = new HashMap<>();
      for (int t = 0; t < trajectories.size(); t++) {
        DriverTrajectory trajectory = DriverTrajectory.open(ts, trajectories.get(t), config, readOptions);
        opened.add(trajectory);
        if (trajectory.layout() != null) {
          chains.put(t, trajectory.layout());
        }
        TrajectoryReader reader = trajectory.reader();
        contexts.add(AnalysisEngine.context(reader, a, options));
        BlockPlan plan = AnalysisEngine.plan(reader, AnalysisEngine.fields(a), planOptions);
        List<BlockPlan.Split> splits = plan.splits();
        for (int s = 0; s < splits.size(); s++) {
          tasks.add(trajectory.task(t, s, splits.get(s), plan.blockSizes(splits.get(s))));
        }
      }
      long t1 = System.nanoTime();
      List<SplitResult> results = tasks.isEmpty() ? List.of()
          : collect(jsc, tasks, JobSpec.of(config, readOptions, chains, a, options));
      long t2 = System.nanoTime();
      Map<String, R> out = new LinkedHashMap<>();
      long open = 0;
      long read = 0;
      long compute = 0;
      long frames = 0;
      long bytes = 0;
      List<SplitResult> sorted = new ArrayList<>(results);
      sorted.sort(Comparator.comparingInt(SplitResult::trajectory).thenComparingInt(SplitResult::split));
      int i = 0;
      for (int t = 0; t < trajectories.size(); t++) {
        Serializable acc = null;
        for (; i < sorted.size() && sorted.get(i).trajectory() == t; i++) {
          SplitResult r = sorted.get(i);
          acc = acc == null ? r.accumulator() : a.combine(acc, r.accumulator());
          open += r.openNanos();
          read += r.readNanos();
          compute += r.computeNanos();
          frames += r.frames();
          bytes += serializedSize(r.accumulator());
        }
        EngineContext ctx = contexts.get(t);
        out.put(names.get(t), a.finish(acc != null ? acc : a.newAccumulator(ctx), ctx));
      }
      long t3 = System.nanoTime();
      return new SparkRun<>(out, new SparkRun.Stats(tasks.size(), frames, slots, t1 - t0, t2 - t1, t3 - t2,
          open, read, compute, bytes));
    } finally {
      for (DriverTrajectory r : opened) {
        r.close();
      }
    }
  }

  private static List<SplitResult> collect(JavaSparkContext jsc, List<SplitTask> tasks, JobSpec job) throws IOException {
    String name = job.analysis().name();
    jsc.setJobDescription("trajstream " + name + ": " + tasks.size() + " splits");
    try {
      return jsc.parallelize(tasks, tasks.size()).map(new SplitAccumulator(job)).collect();
    } catch (RuntimeException e) {
      // Spark's own exceptions (SparkException is checked in Java's eyes but thrown undeclared)
      throw SparkFailures.toIOException(name, e);
    } catch (Exception e) {
      throw SparkFailures.toIOException(name, e);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static long serializedSize(Serializable o) throws IOException {
    long[] n = new long[1];
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        n[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        n[0] += len;
      }
    };
    try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
      out.writeObject(o);
    }
    return n[0];
  }
}
