package io.trajstream.h5md.codec;

/** Big-endian integer reads used by the block-structured filters. */
final class Bytes {
  private Bytes() {}

  static int i32be(byte[] b, int p) throws FilterFailure {
    if (p + 4 > b.length) {
      throw new FilterFailure("chunk is truncated at byte " + p);
    }
    return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }

  static long u64be(byte[] b, int p) throws FilterFailure {
    return ((long) i32be(b, p) << 32) | (i32be(b, p + 4) & 0xffffffffL);
  }
}
