package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.cluster.ClusterRunner;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The {@code spark} {@link ClusterRunner}, which the command's {@code analyze --spark MASTER} finds
 * with ServiceLoader: joins the active Spark session (inside {@code spark-submit}) or starts one for
 * {@code MASTER} ({@code local[2]}, {@code spark://host:7077}, …; {@code submit} takes the master
 * {@code spark-submit} set), and stops a session it started.
 *
 * <p>Several URLs given to the command are the parts of one trajectory: {@link #runParts} runs them
 * as one chained trajectory.
 */
public final class SparkClusterRunner implements ClusterRunner {
  /** The master that means "as spark-submit configured it". */
  public static final String FROM_SUBMIT = "submit";

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Map<String, Serializable> run(String master, List<String> urls, StoreConfig config, ReadOptions readOptions,
      Analysis<?, ?> analysis, RunOptions options) throws IOException {
    try (SparkSessions.Lease session = SparkSessions.lease(master, "trajstream " + analysis.name())) {
      @SuppressWarnings("unchecked")
      Analysis<?, Serializable> a = (Analysis<?, Serializable>) analysis;
      SparkRun<Serializable> run = SparkAnalysisRunner.run(session.spark(), urls, config, readOptions, a, options);
      printStats(run);
      return run.results();
    }
  }

  /**
   * Runs {@code analysis} over one trajectory given as its parts ({@code urls} in order, {@code *}
   * patterns expanded; with {@code continuous} joined by time) as one job on {@code master}: the
   * result of the engine over {@code TrajStream.open(urls, config, readOptions, continuous)}.
   *
   * @return the chain's result
   * @throws IOException when a part cannot be opened or the job fails; the message is one line
   *     naming the location that failed
   */
  @Override
  public Serializable runParts(String master, List<String> urls, boolean continuous, StoreConfig config,
      ReadOptions readOptions, Analysis<?, ?> analysis, RunOptions options) throws IOException {
    try (SparkSessions.Lease session = SparkSessions.lease(master, "trajstream " + analysis.name())) {
      @SuppressWarnings("unchecked")
      Analysis<?, Serializable> a = (Analysis<?, Serializable>) analysis;
      SparkRun<Serializable> run = SparkAnalysisRunner.run(session.spark(), TrajectoryParts.of(urls, continuous),
          config, readOptions, a, options);
      printStats(run);
      return run.result();
    }
  }

  private static void printStats(SparkRun<?> run) {
    if (Boolean.getBoolean("trajstream.spark.stats")) {
      System.err.println("spark: " + run.stats());
    }
  }
}
