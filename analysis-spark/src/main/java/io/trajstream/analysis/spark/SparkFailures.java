package io.trajstream.analysis.spark;

import java.io.IOException;
import java.util.Locale;

/**
 * Turns a failed Spark job into one line naming what failed: the task's own exception when Spark
 * hands it back (its message names the location), else the most recent failure Spark reports.
 */
final class SparkFailures {
  private SparkFailures() {}

  static IOException toIOException(String analysis, Throwable failure) {
    String detail = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (!t.getClass().getName().startsWith("org.apache.spark.") && t.getMessage() != null) {
        detail = t.getMessage();
        break;
      }
    }
    if (detail == null) {
      detail = mostRecentFailure(String.valueOf(failure.getMessage()));
    }
    String attempts = attempts(String.valueOf(failure.getMessage()));
    return new IOException("analysis " + analysis + " on Spark failed" + attempts + ": " + firstLine(detail), failure);
  }

  /** " after N attempts" from Spark's "Task 3 in stage 0.0 failed N times", or "". */
  private static String attempts(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("failed (\\d+) times").matcher(message);
    return m.find() ? String.format(Locale.ROOT, " after %s attempts", m.group(1)) : "";
  }

  /** The exception text after Spark's "most recent failure: Lost task … (executor …): ". */
  private static String mostRecentFailure(String message) {
    int i = message.indexOf("most recent failure:");
    if (i < 0) {
      return message;
    }
    String rest = message.substring(i);
    int j = rest.indexOf("): ");
    return j < 0 ? rest : rest.substring(j + 3);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
