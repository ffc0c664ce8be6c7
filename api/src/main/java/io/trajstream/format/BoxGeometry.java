package io.trajstream.format;

/**
 * Conversions between box vectors (a 3x3 matrix, one row per vector) and the (a, b, c, alpha,
 * beta, gamma) form MDAnalysis uses, following MDAnalysis's {@code triclinic_box} and
 * {@code triclinic_vectors}.
 */
public final class BoxGeometry {
  private BoxGeometry() {}

  /** Row-major box vectors → {a, b, c, alpha, beta, gamma} (degrees); all zeros if degenerate. */
  public static float[] fromVectors(double[] m, int off) {
    double ax = m[off], ay = m[off + 1], az = m[off + 2];
    double bx = m[off + 3], by = m[off + 4], bz = m[off + 5];
    double cx = m[off + 6], cy = m[off + 7], cz = m[off + 8];
    double a = Math.sqrt(ax * ax + ay * ay + az * az);
    double b = Math.sqrt(bx * bx + by * by + bz * bz);
    double c = Math.sqrt(cx * cx + cy * cy + cz * cz);
    if (a == 0 || b == 0 || c == 0) {
      return new float[6];
    }
    double alpha = Math.toDegrees(Math.acos((bx * cx + by * cy + bz * cz) / (b * c)));
    double beta = Math.toDegrees(Math.acos((ax * cx + ay * cy + az * cz) / (a * c)));
    double gamma = Math.toDegrees(Math.acos((ax * bx + ay * by + az * bz) / (a * b)));
    if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180)) {
      return new float[6];
    }
    return new float[] {(float) a, (float) b, (float) c, (float) alpha, (float) beta, (float) gamma};
  }

  /** An orthorhombic box of edge lengths → {a, b, c, 90, 90, 90}. */
  public static float[] fromEdges(double a, double b, double c) {
    return new float[] {(float) a, (float) b, (float) c, 90f, 90f, 90f};
  }

  /** {a, b, c, alpha, beta, gamma} → row-major box vectors (first vector along x). */
  public static double[] toVectors(float[] box, int off) {
    double a = box[off], b = box[off + 1], c = box[off + 2];
    double alpha = Math.toRadians(box[off + 3]);
    double beta = Math.toRadians(box[off + 4]);
    double gamma = Math.toRadians(box[off + 5]);
    double[] m = new double[9];
    if (box[off + 3] == 90f && box[off + 4] == 90f && box[off + 5] == 90f) {
      m[0] = a;
      m[4] = b;
      m[8] = c;
      return m;
    }
    m[0] = a;
    m[3] = b * Math.cos(gamma);
    m[4] = b * Math.sin(gamma);
    double cx = c * Math.cos(beta);
    double cy = c * (Math.cos(alpha) - Math.cos(beta) * Math.cos(gamma)) / Math.sin(gamma);
    double cz = Math.sqrt(Math.max(0, c * c - cx * cx - cy * cy));
    m[6] = cx;
    m[7] = cy;
    m[8] = cz;
    return m;
  }
}
