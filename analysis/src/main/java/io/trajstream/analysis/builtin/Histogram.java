package io.trajstream.analysis.builtin;

/**
 * Equal-width bins over [min, max] that place a value exactly as numpy's {@code histogram} does
 * (edges {@code min + k*width}, the last bin closed on the right, values outside ignored).
 */
final class Histogram {
  private final double min;
  private final double max;
  private final int bins;
  private final double norm;
  private final double[] edges;

  Histogram(double min, double max, int bins) {
    if (bins < 1 || !(max > min)) {
      throw new IllegalArgumentException("histogram needs nbins >= 1 and max > min, got " + bins + " bins over "
          + min + ":" + max);
    }
    this.min = min;
    this.max = max;
    this.bins = bins;
    this.norm = bins / (max - min);
    this.edges = new double[bins + 1];
    double step = (max - min) / bins;
    for (int k = 0; k < bins; k++) {
      edges[k] = k * step + min;
    }
    edges[bins] = max;
  }

  double[] edges() {
    return edges.clone();
  }

  /** The bin of {@code v}, or -1 when outside [min, max]. */
  int bin(double v) {
    if (!(v >= min && v <= max)) {
      return -1;
    }
    int i = (int) ((v - min) * norm);
    if (i == bins) {
      i--;
    }
    if (v < edges[i]) {
      i--;
    } else if (v >= edges[i + 1] && i != bins - 1) {
      i++;
    }
    return i;
  }
}
