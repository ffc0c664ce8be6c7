package io.trajstream.analysis.builtin;

import io.trajstream.format.BoxGeometry;

/**
 * A periodic cell list for finding pairs within a cutoff: atoms are binned by their fractional
 * coordinates into cells at least the cutoff wide (measured perpendicular to the cell faces), so
 * every pair within the cutoff lies in the same or a neighbouring cell. Only usable when each
 * direction has at least 3 cells; otherwise {@link #create} returns null.
 */
final class CellGrid {
  private final int[] n = new int[3];
  private final int[] head;
  private final int[] next;
  private final double[] m;

  private CellGrid(int[] n, float[] xyz, int off, int[] atoms, double[] m) {
    System.arraycopy(n, 0, this.n, 0, 3);
    this.m = m;
    head = new int[n[0] * n[1] * n[2]];
    java.util.Arrays.fill(head, -1);
    next = new int[atoms.length];
    for (int k = 0; k < atoms.length; k++) {
      int c = cell(xyz, off + 3 * atoms[k], m);
      next[k] = head[c];
      head[c] = k;
    }
  }

  /** A grid of the {@code atoms} (positions within the block) for {@code cutoff}, or null when the box is too small. */
  static CellGrid create(float[] box, float[] xyz, int off, int[] atoms, double cutoff) {
    double[] m = BoxGeometry.toVectors(box, 0);
    double volume = m[0] * m[4] * m[8];
    double[] a = {m[0], m[1], m[2]};
    double[] b = {m[3], m[4], m[5]};
    double[] c = {m[6], m[7], m[8]};
    double[] widths = {volume / norm(cross(b, c)), volume / norm(cross(c, a)), volume / norm(cross(a, b))};
    int[] n = new int[3];
    for (int d = 0; d < 3; d++) {
      // a hair wider than the cutoff, so rounding in the fractional coordinates cannot lose a pair
      n[d] = (int) Math.min(1000, Math.floor(widths[d] / (cutoff * (1 + 1e-6))));
      if (n[d] < 3) {
        return null;
      }
    }
    return new CellGrid(n, xyz, off, atoms, m);
  }

  private int cell(float[] xyz, int k, double[] m) {
    double sc = xyz[k + 2] / m[8];
    double sb = (xyz[k + 1] - sc * m[7]) / m[4];
    double sa = (xyz[k] - sb * m[3] - sc * m[6]) / m[0];
    return index(bin(sa, n[0]), bin(sb, n[1]), bin(sc, n[2]));
  }

  private static int bin(double s, int cells) {
    double f = s - Math.floor(s);
    int i = (int) (f * cells);
    return i >= cells ? cells - 1 : Math.max(0, i);
  }

  private int index(int i, int j, int k) {
    return (i * n[1] + j) * n[2] + k;
  }

  /** Calls {@code visitor} with each grid atom (its position in the atoms given) in the 27 cells around {@code cell}. */
  void forNeighbours(int cell, java.util.function.IntConsumer visitor) {
    int i = cell / (n[1] * n[2]);
    int j = (cell / n[2]) % n[1];
    int k = cell % n[2];
    for (int di = -1; di <= 1; di++) {
      int ii = Math.floorMod(i + di, n[0]);
      for (int dj = -1; dj <= 1; dj++) {
        int jj = Math.floorMod(j + dj, n[1]);
        for (int dk = -1; dk <= 1; dk++) {
          int kk = Math.floorMod(k + dk, n[2]);
          for (int p = head[index(ii, jj, kk)]; p >= 0; p = next[p]) {
            visitor.accept(p);
          }
        }
      }
    }
  }

  /** The cell a position falls in. */
  int cellOfPosition(float[] xyz, int k) {
    return cell(xyz, k, m);
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  private static double norm(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }
}
