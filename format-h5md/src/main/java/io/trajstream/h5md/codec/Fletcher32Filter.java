package io.trajstream.h5md.codec;

import java.util.Arrays;

/**
 * HDF5 filter 3: a Fletcher-32 checksum of the data, over big-endian 16-bit words, appended as 4
 * little-endian bytes. Decoding verifies it (also in the byte-swapped form older HDF5 versions
 * wrote) and strips it.
 */
public final class Fletcher32Filter implements ChunkFilter {
  @Override
  public byte[] decode(byte[] in, int[] clientData, int expectedSize) throws FilterFailure {
    if (in.length < 4) {
      throw new FilterFailure("fletcher32: chunk of " + in.length + " bytes has no checksum");
    }
    int n = in.length - 4;
    int stored = (in[n] & 0xff) | (in[n + 1] & 0xff) << 8 | (in[n + 2] & 0xff) << 16 | (in[n + 3] & 0xff) << 24;
    int sum = checksum(in, n);
    int reversed = ((sum & 0x00ff00ff) << 8) | ((sum >>> 8) & 0x00ff00ff);
    if (stored != sum && stored != reversed) {
      throw new FilterFailure(String.format(
          "fletcher32 checksum mismatch: stored %08x, computed %08x (data corrupt)", stored, sum));
    }
    return Arrays.copyOf(in, n);
  }

  /** HDF5's Fletcher-32 of the first {@code len} bytes. */
  public static int checksum(byte[] data, int len) {
    long sum1 = 0;
    long sum2 = 0;
    int words = len / 2;
    int p = 0;
    while (words > 0) {
      int t = Math.min(words, 360);
      words -= t;
      do {
        sum1 += ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
        p += 2;
        sum2 += sum1;
      } while (--t > 0);
      sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
      sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    }
    if ((len & 1) != 0) {
      sum1 += (data[p] & 0xff) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
      sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
    return (int) ((sum2 << 16) | sum1);
  }

  /** Appends the checksum as HDF5 does; for tests and tools. */
  public static byte[] encode(byte[] data) {
    int sum = checksum(data, data.length);
    byte[] out = Arrays.copyOf(data, data.length + 4);
    out[data.length] = (byte) sum;
    out[data.length + 1] = (byte) (sum >>> 8);
    out[data.length + 2] = (byte) (sum >>> 16);
    out[data.length + 3] = (byte) (sum >>> 24);
    return out;
  }
}
