package io.trajstream.analysis.builtin;

import io.trajstream.format.BoxGeometry;

/**
 * Minimum-image distances in a periodic box given as (a, b, c, alpha, beta, gamma): orthorhombic
 * boxes by rounding each component; triclinic boxes by reducing along the box vectors and then
 * searching the 27 neighbouring images for the shortest vector.
 */
final class PeriodicBox {
  private final boolean orthorhombic;
  private final double[] m;
  private final double volume;

  PeriodicBox(float[] box) {
    this.m = BoxGeometry.toVectors(box, 0);
    this.orthorhombic = box[3] == 90f && box[4] == 90f && box[5] == 90f;
    this.volume = orthorhombic ? (double) box[0] * box[1] * box[2] : m[0] * m[4] * m[8];
  }

  /** Whether {@code box} describes a usable periodic box (positive lengths and angles). */
  static boolean isValid(float[] box) {
    return box != null && box[0] > 0 && box[1] > 0 && box[2] > 0 && box[3] > 0 && box[4] > 0 && box[5] > 0;
  }

  double volume() {
    return volume;
  }

  /** Squared minimum-image length of the difference vector (dx, dy, dz). */
  double distanceSquared(double dx, double dy, double dz) {
    if (orthorhombic) {
      dx -= m[0] * Math.rint(dx / m[0]);
      dy -= m[4] * Math.rint(dy / m[4]);
      dz -= m[8] * Math.rint(dz / m[8]);
      return dx * dx + dy * dy + dz * dz;
    }
    // reduce along c, then b, then a (lower-triangular vectors: a = (ax,0,0), b = (bx,by,0))
    double s = Math.rint(dz / m[8]);
    dx -= s * m[6];
    dy -= s * m[7];
    dz -= s * m[8];
    s = Math.rint(dy / m[4]);
    dx -= s * m[3];
    dy -= s * m[4];
    s = Math.rint(dx / m[0]);
    dx -= s * m[0];
    double best = Double.MAX_VALUE;
    for (int i = -1; i <= 1; i++) {
      for (int j = -1; j <= 1; j++) {
        for (int k = -1; k <= 1; k++) {
          double x = dx + i * m[0] + j * m[3] + k * m[6];
          double y = dy + j * m[4] + k * m[7];
          double z = dz + k * m[8];
          double d = x * x + y * y + z * z;
          if (d < best) {
            best = d;
          }
        }
      }
    }
    return best;
  }
}
