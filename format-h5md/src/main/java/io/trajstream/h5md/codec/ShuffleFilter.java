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
