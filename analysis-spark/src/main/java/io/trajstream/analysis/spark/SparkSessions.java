package io.trajstream.analysis.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Gets a Spark session for a master: the active or default one when there is one (inside {@code
 * spark-submit}, whose master then applies), else a new one for the master given, which the lease
 * stops when closed.
 */
final class SparkSessions {
  private SparkSessions() {}

  /** A session and whether closing the lease stops it. */
  record Lease(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  static Lease lease(String master, String appName) {
    SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    if (existing != null) {
      return new Lease(existing, false);
    }
    SparkSession.Builder b = SparkSession.builder().appName(appName).config("spark.ui.showConsoleProgress", "false");
    boolean submitted = System.getProperty("spark.master") != null;
    if (master != null && !master.isBlank() && !master.equals(SparkClusterRunner.FROM_SUBMIT)) {
      b.master(master);
    } else if (!submitted) {
      throw new IllegalArgumentException("--spark " + master + ": no master set by spark-submit; give one, e.g. local[2] or spark://host:7077");
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel(System.getProperty("trajstream.spark.log-level", "WARN"));
    return new Lease(s, true);
  }
}
