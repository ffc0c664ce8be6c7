package io.trajstream.analysis.builtin;

/** Small vector helpers on frame-major xyz arrays, computed in double. */
final class Geometry {
  private Geometry() {}

  /** The weighted centre (null weights: centre of geometry) of {@code n} atoms from {@code off}. */
  static double[] center(float[] xyz, int off, int n, double[] weights) {
    double sx = 0, sy = 0, sz = 0, sw = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      int k = off + 3 * i;
      sx += w * xyz[k];
      sy += w * xyz[k + 1];
      sz += w * xyz[k + 2];
      sw += w;
    }
    return new double[] {sx / sw, sy / sw, sz / sw};
  }

  /** The atoms from {@code off} minus {@code c}, as doubles. */
  static double[] centred(float[] xyz, int off, int n, double[] c) {
    double[] out = new double[3 * n];
    for (int i = 0; i < n; i++) {
      int k = off + 3 * i;
      out[3 * i] = xyz[k] - c[0];
      out[3 * i + 1] = xyz[k + 1] - c[1];
      out[3 * i + 2] = xyz[k + 2] - c[2];
    }
    return out;
  }

  /** Weights scaled to a mean of 1, as MDAnalysis's RMSD does; null stays null. */
  static double[] normalised(double[] w) {
    if (w == null) {
      return null;
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double mean = sum / w.length;
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] / mean;
    }
    return out;
  }
}
