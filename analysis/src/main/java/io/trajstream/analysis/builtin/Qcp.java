package io.trajstream.analysis.builtin;

/**
 * Minimum RMSD between two centred coordinate sets after optimal rotation, by the quaternion
 * characteristic polynomial (Theobald 2005): the largest eigenvalue of the 4x4 key matrix is found
 * by Newton's method on its characteristic polynomial, starting from the upper bound E0.
 */
final class Qcp {
  private static final double EVAL_PRECISION = 1e-11;
  private static final int MAX_ITERATIONS = 50;

  private Qcp() {}

  /**
   * The RMSD of {@code mobile} onto {@code ref} (both centred, xyz per atom) after the best
   * rotation. {@code weights} (null: equal) are used as given and the sum is divided by the atom
   * count, as MDAnalysis does after scaling the weights to a mean of 1.
   */
  static double rmsd(double[] ref, double[] mobile, int n, double[] weights) {
    double sxx = 0, sxy = 0, sxz = 0, syx = 0, syy = 0, syz = 0, szx = 0, szy = 0, szz = 0;
    double g1 = 0, g2 = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      double x1 = w * ref[3 * i], y1 = w * ref[3 * i + 1], z1 = w * ref[3 * i + 2];
      double x2 = mobile[3 * i], y2 = mobile[3 * i + 1], z2 = mobile[3 * i + 2];
      g1 += x1 * ref[3 * i] + y1 * ref[3 * i + 1] + z1 * ref[3 * i + 2];
      g2 += w * (x2 * x2 + y2 * y2 + z2 * z2);
      sxx += x1 * x2;
      sxy += x1 * y2;
      sxz += x1 * z2;
      syx += y1 * x2;
      syy += y1 * y2;
      syz += y1 * z2;
      szx += z1 * x2;
      szy += z1 * y2;
      szz += z1 * z2;
    }
    double e0 = 0.5 * (g1 + g2);
    double[][] k = {
      {sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
      {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
      {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
      {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz},
    };
    double lambda = largestEigenvalue(k, e0);
    return Math.sqrt(Math.abs(2.0 * (e0 - lambda) / n));
  }

  /** Largest eigenvalue of the traceless symmetric key matrix, Newton from {@code upper}. */
  static double largestEigenvalue(double[][] k, double upper) {
    // characteristic polynomial of a traceless matrix: x^4 + c2 x^2 + c1 x + c0
    double[][] k2 = multiply(k, k);
    double tr2 = k2[0][0] + k2[1][1] + k2[2][2] + k2[3][3];
    double tr3 = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        tr3 += k2[i][j] * k[j][i];
      }
    }
    double c2 = -0.5 * tr2;
    double c1 = -tr3 / 3.0;
    double c0 = det4(k);
    double x = upper;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double x2 = x * x;
      double b = (x2 + c2) * x;
      double a = b + c1;
      double delta = (a * x + c0) / (2.0 * x2 * x + b + a);
      if (!Double.isFinite(delta)) {
        break;
      }
      x -= delta;
      if (Math.abs(delta) < Math.abs(EVAL_PRECISION * x)) {
        break;
      }
    }
    return x;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int m = 0; m < 4; m++) {
          s += a[i][m] * b[m][j];
        }
        c[i][j] = s;
      }
    }
    return c;
  }

  private static double det4(double[][] m) {
    double det = 0;
    for (int c = 0; c < 4; c++) {
      double sign = (c % 2 == 0) ? 1 : -1;
      det += sign * m[0][c] * det3(m, c);
    }
    return det;
  }

  private static double det3(double[][] m, int skipCol) {
    int[] cols = new int[3];
    for (int c = 0, j = 0; c < 4; c++) {
      if (c != skipCol) {
        cols[j++] = c;
      }
    }
    double a = m[1][cols[0]], b = m[1][cols[1]], c = m[1][cols[2]];
    double d = m[2][cols[0]], e = m[2][cols[1]], f = m[2][cols[2]];
    double g = m[3][cols[0]], h = m[3][cols[1]], i = m[3][cols[2]];
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  }
}
