package io.trajstream.h5md.codec;

/** HDF5 filter 2 (byte shuffle): client data[0] is the element size. */
public final class ShuffleFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) {
    int es = clientData.length > 0 ? clientData[0] : 1;
    return unshuffle(in, es);
  }

  /** Undoes a byte shuffle of elements of {@code es} bytes; trailing bytes stay in place. */
  public static byte[] unshuffle(byte[] in, int es) {
    if (es <= 1 || in.length < es) {
      return in;
    }
    int n = in.length / es;
    byte[] out = new byte[in.length];
    for (int j = 0; j < es; j++) {
      int src = j * n;
      for (int i = 0; i < n; i++) {
        out[i * es + j] = in[src + i];
      }
    }
    int done = n * es;
    System.arraycopy(in, done, out, done, in.length - done);
    return out;
  }

  /**
   * Undoes a byte shuffle of {@code len} bytes at {@code in[off]} into {@code out[outOff]} (which
   * must not overlap the input); trailing bytes are copied as they are.
   */
  public static void unshuffle(byte[] in, int off, int len, int es, byte[] out, int outOff) {
    if (es <= 1 || len < es) {
      System.arraycopy(in, off, out, outOff, len);
      return;
    }
    int n = len / es;
    for (int j = 0; j < es; j++) {
      int src = off + j * n;
      int dst = outOff + j;
      for (int i = 0; i < n; i++) {
        out[dst + i * es] = in[src + i];
      }
    }
    int done = n * es;
    System.arraycopy(in, off + done, out, outOff + done, len - done);
  }

  /**
   * Un-shuffles 4-byte floats straight into {@code out}: {@code planes[off..off+len)} is the
   * shuffled image of {@code len / 4} floats (byte plane 0 first); elements {@code from ..
   * from+count} are written to {@code out[dst..]}. {@code littleEndian} is the floats' byte order.
   */
  public static void unshuffleFloats(byte[] planes, int off, int len, boolean littleEndian, int from, int count,
      float[] out, int dst) {
    int n = len / 4;
    if (from < 0 || count < 0 || from + count > n) {
      throw new IndexOutOfBoundsException("floats " + from + ".." + (from + count) + " of " + n);
    }
    // p0 holds bits 0-7 of each float, p3 bits 24-31
    int p0 = off + (littleEndian ? 0 : 3 * n) + from;
    int p1 = off + (littleEndian ? n : 2 * n) + from;
    int p2 = off + (littleEndian ? 2 * n : n) + from;
    int p3 = off + (littleEndian ? 3 * n : 0) + from;
    for (int i = 0; i < count; i++) {
      int bits = (planes[p0 + i] & 0xff) | (planes[p1 + i] & 0xff) << 8 | (planes[p2 + i] & 0xff) << 16
          | planes[p3 + i] << 24;
      out[dst + i] = Float.intBitsToFloat(bits);
    }
  }

  /** The inverse of {@link #unshuffle}; for tests and tools. */
  public static byte[] shuffle(byte[] in, int es) {
    if (es <= 1 || in.length < es) {
      return in;
    }
    int n = in.length / es;
    byte[] out = new byte[in.length];
    for (int j = 0; j < es; j++) {
      for (int i = 0; i < n; i++) {
        out[j * n + i] = in[i * es + j];
      }
    }
    int done = n * es;
    System.arraycopy(in, done, out, done, in.length - done);
    return out;
  }
}
