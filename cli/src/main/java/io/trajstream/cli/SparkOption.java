package io.trajstream.cli;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.cluster.ClusterRunner;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.util.List;

/**
 * {@code analyze --spark MASTER}: hands the run to the {@code spark} {@link ClusterRunner}, which is
 * on the class path only when the launcher was given {@code --spark} (the command's own jar holds
 * no Spark). One URL goes through the {@link ClusterRunner} interface; several URLs (or {@code
 * --continuous}) are the parts of one trajectory, which the runner runs as one chain ({@link
 * ClusterRunner#runParts}).
 */
final class SparkOption {
  private SparkOption() {}

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
    return runner.runParts(master, List.copyOf(parts), continuous, config, readOptions, analysis, options);
  }
}
