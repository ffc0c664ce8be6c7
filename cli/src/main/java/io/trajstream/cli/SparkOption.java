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
 * no Spark).
 */
final class SparkOption {
  private SparkOption() {}

  static Object run(String master, String url, StoreConfig config, ReadOptions readOptions, Analysis<?, ?> analysis,
      RunOptions options) throws IOException {
    ClusterRunner runner = ClusterRunner.find("spark").orElseThrow(() -> new IllegalArgumentException(
        "--spark: the Spark runner is not on the class path; build it (mvn -B package -DskipTests -pl analysis-spark -am)"
            + " and run ./trajstream, which adds it when --spark is given, or use the spark-submit jar"));
    return runner.run(master, List.of(url), config, readOptions, analysis, options).get(url);
  }
}
