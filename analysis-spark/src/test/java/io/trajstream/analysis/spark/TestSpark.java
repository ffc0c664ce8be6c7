package io.trajstream.analysis.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for all the tests of a JVM ({@code local[2,4]}: two cores, a task tried
 * up to four times), started on first use and stopped when the JVM exits.
 */
final class TestSpark {
  private TestSpark() {}

  private static final class Holder {
    static final SparkSession SESSION = start();

    private static SparkSession start() {
      SparkSession s = SparkSession.builder().master("local[2,4]").appName("trajstream-tests")
          .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "spark-stop"));
      return s;
    }
  }

  static SparkSession session() {
    return Holder.SESSION;
  }
}
