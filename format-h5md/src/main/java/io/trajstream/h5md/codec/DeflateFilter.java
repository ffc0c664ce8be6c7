package io.trajstream.h5md.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** HDF5 filter 1 (deflate, zlib stream) through {@link Inflater}. */
public final class DeflateFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(in);
      byte[] out = new byte[expectedSize > 0 ? expectedSize : Math.max(64, in.length * 4)];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
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
