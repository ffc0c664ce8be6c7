package io.trajstream.cli;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.cluster.ClusterRunner;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code analyze --spark MASTER}: hands the run to the {@code spark} {@link ClusterRunner}, which is
 * on the class path only when the launcher was given {@code --spark} (the command's own jar holds
 * no Spark). One URL goes through the {@link ClusterRunner} interface; several URLs (or {@code
 * --continuous}) are the parts of one trajectory, which the Spark runner runs as one chain with its
 * {@code runParts} method: the interface has no entry for a chain, and the command cannot name the
 * runner's class at compile time, so the method is looked up by name and signature.
 */
final class SparkOption {
  private SparkOption() {}

  /** The runner's method for one trajectory given as parts (SparkClusterRunner.RUN_PARTS). */
  static final String RUN_PARTS = "runParts";

  /**
   * Runs {@code analysis} on Spark over the trajectory of {@code parts} (URLs with patterns
   * expanded): one URL as it is, several as the parts of one trajectory, joined by time with {@code
   * continuous}. Returns the trajectory's result.
   */
  static Object run(String master, List<String> parts, boolean continuous, StoreConfig config, ReadOptions readOptions,
      Analysis<?, ?> analysis, RunOptions options) throws IOException {
    ClusterRunner runner = ClusterRunner.find("spark").orElseThrow(() -> new IllegalArgumentException(
        "--spark: the Spark runner is not on the class path; build it (mvn -B package -DskipTests -pl analysis-spark -am)"
            + " and run ./trajstream, which adds it when --spark is given, or use the spark-submit jar"));
    if (parts.size() == 1 && !continuous) {
      String url = parts.get(0);
      return runner.run(master, List.of(url), config, readOptions, analysis, options).get(url);
    }
    return runParts(runner, master, parts, continuous, config, readOptions, analysis, options);
  }

  private static Object runParts(ClusterRunner runner, String master, List<String> parts, boolean continuous,
      StoreConfig config, ReadOptions readOptions, Analysis<?, ?> analysis, RunOptions options) throws IOException {
    Method m;
    try {
      m = runner.getClass().getMethod(RUN_PARTS, String.class, List.class, boolean.class, StoreConfig.class,
          ReadOptions.class, Analysis.class, RunOptions.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("--spark: the Spark runner on the class path (" + runner.getClass().getName()
          + ") cannot run several parts as one trajectory; rebuild it (mvn -B package -DskipTests -pl analysis-spark -am)");
    }
    try {
      return m.invoke(runner, master, List.copyOf(parts), continuous, config, readOptions, analysis, options);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("--spark: cannot call " + runner.getClass().getName() + "." + RUN_PARTS, e);
    }
  }
}
