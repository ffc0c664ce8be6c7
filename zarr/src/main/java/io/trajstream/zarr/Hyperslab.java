package io.trajstream.zarr;

/**
 * Copies rectangular regions between N-dimensional element buffers held as bytes. The source may be
 * in C or Fortran order; the destination is in C order.
 */
final class Hyperslab {
  private Hyperslab() {}

  /** Element strides of a C-order ({@code fortran=false}) or F-order array of {@code shape}. */
  static long[] strides(int[] shape, boolean fortran) {
    int n = shape.length;
    long[] s = new long[n];
    long acc = 1;
    if (fortran) {
      for (int d = 0; d < n; d++) {
        s[d] = acc;
        acc *= shape[d];
      }
    } else {
      for (int d = n - 1; d >= 0; d--) {
        s[d] = acc;
        acc *= shape[d];
      }
    }
    return s;
  }

  /**
   * Copies {@code count} elements per dimension from {@code src} (shape {@code srcShape}, order by
   * {@code srcFortran}) starting at {@code srcStart} into {@code dst} (C order, shape {@code
   * dstShape}) at {@code dstStart}.
   */
  static void copy(
      byte[] src, int[] srcShape, boolean srcFortran, int[] srcStart,
      byte[] dst, int[] dstShape, boolean dstFortran, int[] dstStart,
      int[] count, int itemSize) {
    int n = count.length;
    if (n == 0) {
      System.arraycopy(src, 0, dst, 0, itemSize);
      return;
    }
    for (int c : count) {
      if (c == 0) {
        return;
      }
    }
    long[] ss = strides(srcShape, srcFortran);
    long[] ds = strides(dstShape, dstFortran);
    int last = srcFortran == dstFortran && !srcFortran ? n - 1 : (srcFortran && dstFortran ? 0 : -1);
    int[] idx = new int[n];
    long srcBase = 0;
    long dstBase = 0;
    for (int d = 0; d < n; d++) {
      srcBase += (long) srcStart[d] * ss[d];
      dstBase += (long) dstStart[d] * ds[d];
    }
    if (last >= 0) {
      // Both buffers share a contiguous innermost dimension: copy runs.
      int runLen = count[last] * itemSize;
      while (true) {
        long so = srcBase;
        long doff = dstBase;
        for (int d = 0; d < n; d++) {
          so += idx[d] * ss[d];
          doff += idx[d] * ds[d];
        }
        System.arraycopy(src, (int) (so * itemSize), dst, (int) (doff * itemSize), runLen);
        if (!advance(idx, count, last)) {
          return;
        }
      }
    }
    // Mixed orders: element by element.
    while (true) {
      long so = srcBase;
      long doff = dstBase;
      for (int d = 0; d < n; d++) {
        so += idx[d] * ss[d];
        doff += idx[d] * ds[d];
      }
      System.arraycopy(src, (int) (so * itemSize), dst, (int) (doff * itemSize), itemSize);
      if (!advance(idx, count, -1)) {
        return;
      }
    }
  }

  /**
   * As {@link #copy} into a C-order {@code float[]} (at {@code dstOff}), converting elements of
   * {@code type} on the way: float32 runs in one bulk view copy, other types element by element.
   */
  static void copyToFloats(
      byte[] src, int[] srcShape, boolean srcFortran, int[] srcStart,
      float[] dst, int dstOff, int[] dstShape, int[] dstStart, int[] count, DataType type) {
    int n = count.length;
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(src).order(type.order());
    boolean f32 = type.kind() == DataType.Kind.FLOAT && type.size() == 4;
    java.nio.FloatBuffer floats = f32 ? bytes.asFloatBuffer() : null;
    if (n == 0) {
      dst[dstOff] = f32 ? floats.get(0) : (float) type.getDouble(bytes, 0);
      return;
    }
    for (int c : count) {
      if (c == 0) {
        return;
      }
    }
    long[] ss = strides(srcShape, srcFortran);
    long[] ds = strides(dstShape, false);
    int last = srcFortran ? -1 : n - 1;
    int[] idx = new int[n];
    long srcBase = 0;
    long dstBase = dstOff;
    for (int d = 0; d < n; d++) {
      srcBase += (long) srcStart[d] * ss[d];
      dstBase += (long) dstStart[d] * ds[d];
    }
    int run = last >= 0 ? count[last] : 1;
    while (true) {
      long so = srcBase;
      long doff = dstBase;
      for (int d = 0; d < n; d++) {
        so += idx[d] * ss[d];
        doff += idx[d] * ds[d];
      }
      if (f32) {
        floats.get((int) so, dst, (int) doff, run);
      } else {
        for (int k = 0; k < run; k++) {
          dst[(int) doff + k] = (float) type.getDouble(bytes, (int) so + k);
        }
      }
      if (!advance(idx, count, last)) {
        return;
      }
    }
  }

  /**
   * Sets {@code count} elements per dimension of {@code dst} (C order, shape {@code dstShape}) at
   * {@code dstStart} to the element {@code value} (its bytes).
   */
  static void fill(byte[] value, byte[] dst, int[] dstShape, int[] dstStart, int[] count) {
    int item = value.length;
    int n = count.length;
    if (n == 0) {
      System.arraycopy(value, 0, dst, 0, item);
      return;
    }
    for (int c : count) {
      if (c == 0) {
        return;
      }
    }
    long[] ds = strides(dstShape, false);
    int[] idx = new int[n];
    long base = 0;
    for (int d = 0; d < n; d++) {
      base += (long) dstStart[d] * ds[d];
    }
    int run = count[n - 1];
    while (true) {
      long off = base;
      for (int d = 0; d < n; d++) {
        off += idx[d] * ds[d];
      }
      int at = (int) (off * item);
      for (int k = 0; k < run; k++) {
        System.arraycopy(value, 0, dst, at + k * item, item);
      }
      if (!advance(idx, count, n - 1)) {
        return;
      }
    }
  }

  /** As {@link #fill}, for a C-order {@code float[]} region starting at {@code dstOff}. */
  static void fillFloats(float value, float[] dst, int dstOff, int[] dstShape, int[] dstStart, int[] count) {
    int n = count.length;
    if (n == 0) {
      dst[dstOff] = value;
      return;
    }
    for (int c : count) {
      if (c == 0) {
        return;
      }
    }
    long[] ds = strides(dstShape, false);
    int[] idx = new int[n];
    long base = dstOff;
    for (int d = 0; d < n; d++) {
      base += (long) dstStart[d] * ds[d];
    }
    int run = count[n - 1];
    while (true) {
      long off = base;
      for (int d = 0; d < n; d++) {
        off += idx[d] * ds[d];
      }
      java.util.Arrays.fill(dst, (int) off, (int) off + run, value);
      if (!advance(idx, count, n - 1)) {
        return;
      }
    }
  }

  /** Odometer step over all dimensions except {@code skip}; false when done. */
  private static boolean advance(int[] idx, int[] count, int skip) {
    for (int d = idx.length - 1; d >= 0; d--) {
      if (d == skip) {
        continue;
      }
      if (++idx[d] < count[d]) {
        return true;
      }
      idx[d] = 0;
    }
    return false;
  }
}
