package io.trajstream.analysis.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.AnalysisResult;

/** Asserts that two results agree: same shape, axis and unit, values within a relative tolerance (of the value, or of a thousandth of the largest value for values near 0). */
final class Agreement {
  private Agreement() {}

  /** Relative tolerance of the Spark runner against the engine. */
  static final double RELATIVE = 1e-9;

  static void assertAgree(AnalysisResult expected, AnalysisResult actual, String what) {
    assertEquals(expected.analysis(), actual.analysis(), what);
    assertEquals(expected.unit(), actual.unit(), what);
    assertEquals(expected.axisName(), actual.axisName(), what);
    assertArrayEquals(expected.axis(), actual.axis(), 0.0, what + ": axis");
    assertEquals(expected.metadata(), actual.metadata(), what + ": metadata");
    double[] e = expected.values();
    double[] a = actual.values();
    assertEquals(e.length, a.length, what + ": values");
    assertTrue(e.length > 0, what + ": no values");
    double scale = 0;
    for (double v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < e.length; i++) {
      double tol = RELATIVE * Math.max(Math.abs(e[i]), 1e-3 * scale);
      assertEquals(e[i], a[i], tol, what + ": value " + i);
    }
  }
}
