package io.trajstream.analysis.builtin;

/** An in-place iterative radix-2 complex FFT and an FFT-based autocorrelation. */
final class Fft {
  private Fft() {}

  /** Transforms {@code re}/{@code im} (length a power of two) in place; {@code inverse} without 1/n scaling. */
  static void transform(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT length " + n + " is not a power of two");
    }
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
      int half = len >> 1;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < half; k++) {
          double wr = Math.cos(angle * k);
          double wi = Math.sin(angle * k);
          int a = i + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  /**
   * Sums over origins of {@code x(k) x(k+m)} for every lag m in [0, n): the linear (not circular)
   * autocorrelation, via zero padding to at least 2n.
   */
  static double[] autocorrelationSums(double[] x) {
    int n = x.length;
    int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
    if (size < 2 * n) {
      size <<= 1;
    }
    double[] re = new double[size];
    double[] im = new double[size];
    System.arraycopy(x, 0, re, 0, n);
    transform(re, im, false);
    for (int i = 0; i < size; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i];
      im[i] = 0;
    }
    transform(re, im, true);
    double[] out = new double[n];
    for (int m = 0; m < n; m++) {
      out[m] = re[m] / size;
    }
    return out;
  }
}
