package io.trajstream.h5md.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * HDF5 filter 1 (deflate, zlib stream) through {@link Inflater}. A stream that inflates to more
 * than {@link ChunkFilter#outputLimit} bytes fails instead of growing the output further.
 */
public final class DeflateFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    Inflater inflater = new Inflater();
    int limit = ChunkFilter.outputLimit(expectedSize);
    try {
      inflater.setInput(in);
      byte[] out = new byte[expectedSize > 0 ? expectedSize : (int) Math.min(limit, Math.max(64, in.length * 4L))];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          if (n >= limit) {
            throw tooLong(expectedSize);
          }
          out = java.util.Arrays.copyOf(out, (int) Math.min(limit, out.length * 2L));
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new FilterFailure("deflate stream is truncated (" + in.length + " bytes)");
        }
        n += got;
      }
      return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw new FilterFailure("corrupt deflate stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static FilterFailure tooLong(int expectedSize) {
    return new FilterFailure("deflate stream inflates to more than the chunk's " + expectedSize + " bytes");
  }

  /**
   * Inflates the zlib stream in {@code in} (from its position to its limit; the buffer itself is not
   * moved) into {@code out} with a caller-owned {@link Inflater}, which is reset first; grows the
   * output through {@code grow} when the stream inflates to more than {@code out.length} bytes, up to
   * {@link ChunkFilter#outputLimit} of {@code expectedSize}: a stream that inflates further fails.
   *
   * @return the output array (possibly a grown one) and, through {@code length[0]}, the bytes written
   */
  public static byte[] inflate(Inflater inflater, ByteBuffer in, byte[] out, int expectedSize,
      java.util.function.IntFunction<byte[]> grow, int[] length) throws FilterFailure {
    inflater.reset();
    int inLen = in.remaining();
    int limit = ChunkFilter.outputLimit(expectedSize);
    inflater.setInput(in.duplicate());
    try {
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          if (n >= limit) {
            throw tooLong(expectedSize);
          }
          byte[] bigger = grow.apply((int) Math.min(limit, Math.max(64, out.length * 2L)));
          System.arraycopy(out, 0, bigger, 0, n);
          out = bigger;
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new FilterFailure("deflate stream is truncated (" + inLen + " bytes)");
        }
        n += got;
      }
      length[0] = n;
      return out;
    } catch (DataFormatException e) {
      throw new FilterFailure("corrupt deflate stream: " + e.getMessage(), e);
    }
  }

  /** Compresses like HDF5's deflate filter; for tests and tools. */
  public static byte[] encode(byte[] data, int level) {
    java.util.zip.Deflater d = new java.util.zip.Deflater(level);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      bos.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return bos.toByteArray();
  }
}
