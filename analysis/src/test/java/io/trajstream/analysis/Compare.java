package io.trajstream.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Element-wise comparison with a relative tolerance (and an absolute floor for values near zero). */
public final class Compare {
  private Compare() {}

  public static void assertClose(double[] expected, double[] actual, double relative, double absolute, String what) {
    assertNotNull(expected, what + ": no reference values");
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double tol = Math.max(absolute, relative * Math.abs(expected[i]));
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]
            + " (tolerance " + tol + ")");
      }
    }
  }

  /** Rows of a result flattened row by row. */
  public static double[] flatten(io.trajstream.analysis.AnalysisResult r) {
    double[] out = new double[r.size() * r.width()];
    for (int i = 0; i < r.size(); i++) {
      System.arraycopy(r.row(i), 0, out, i * r.width(), r.width());
    }
    return out;
  }
}
