package io.trajstream.h5md.codec;

import java.util.Arrays;

/**
 * HDF5 filter 32000 (LZF, as h5py writes it): a raw LZF stream without header. Client data[2], when
 * present, is the uncompressed chunk size. The output never grows past {@link ChunkFilter#outputLimit}.
 */
public final class LzfFilter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    int limit = ChunkFilter.outputLimit(expectedSize);
    int size = clientData.length > 2 && clientData[2] > 0 ? clientData[2] : expectedSize;
    if (size <= 0) {
      size = (int) Math.min(limit, in.length * 4L);
    }
    size = Math.min(size, limit);
    while (true) {
      byte[] out = new byte[size];
      int n = decompress(in, out);
      if (n >= 0) {
        return n == out.length ? out : Arrays.copyOf(out, n);
      }
      if (size >= limit) {
        throw new FilterFailure("lzf stream decodes to more than the chunk's " + expectedSize + " bytes");
      }
      size = (int) Math.min(limit, size * 2L);
    }
  }

  /** Decompresses into {@code out}; the decoded length, or -1 when {@code out} is too small. */
  static int decompress(byte[] in, byte[] out) throws FilterFailure {
    int ip = 0;
    int op = 0;
    try {
      while (ip < in.length) {
        int ctrl = in[ip++] & 0xff;
        if (ctrl < 32) {
          int len = ctrl + 1;
          if (op + len > out.length) {
            return -1;
          }
          if (ip + len > in.length) {
            throw new FilterFailure("lzf stream is truncated");
          }
          System.arraycopy(in, ip, out, op, len);
          ip += len;
          op += len;
        } else {
          int len = ctrl >>> 5;
          if (len == 7) {
            len += in[ip++] & 0xff;
          }
          int ref = op - ((ctrl & 0x1f) << 8) - (in[ip++] & 0xff) - 1;
          len += 2;
          if (op + len > out.length) {
            return -1;
          }
          if (ref < 0) {
            throw new FilterFailure("lzf back-reference before the start of the chunk");
          }
          for (int k = 0; k < len; k++) {
            out[op++] = out[ref++];
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new FilterFailure("lzf stream is truncated", e);
    }
    return op;
  }
}
