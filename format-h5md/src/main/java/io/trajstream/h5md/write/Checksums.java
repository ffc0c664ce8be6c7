package io.trajstream.h5md.write;

/**
 * The checksum HDF5 puts at the end of its newer metadata structures (superblock version 2, object
 * header version 2): Bob Jenkins' lookup3 {@code hashlittle} over bytes, initial value 0.
 */
public final class Checksums {
  private Checksums() {}

  /** The lookup3 checksum of {@code data[off, off+len)}. */
  public static int lookup3(byte[] data, int off, int len) {
    int a = 0xdeadbeef + len;
    int b = a;
    int c = a;
    int k = off;
    int left = len;
    while (left > 12) {
      a += word(data, k, 4);
      b += word(data, k + 4, 4);
      c += word(data, k + 8, 4);
      // mix
      a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
      a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
      left -= 12;
      k += 12;
    }
    if (left == 0) {
      return c;
    }
    a += word(data, k, Math.min(4, left));
    if (left > 4) {
      b += word(data, k + 4, Math.min(4, left - 4));
    }
    if (left > 8) {
      c += word(data, k + 8, left - 8);
    }
    // final
    c ^= b; c -= Integer.rotateLeft(b, 14);
    a ^= c; a -= Integer.rotateLeft(c, 11);
    b ^= a; b -= Integer.rotateLeft(a, 25);
    c ^= b; c -= Integer.rotateLeft(b, 16);
    a ^= c; a -= Integer.rotateLeft(c, 4);
    b ^= a; b -= Integer.rotateLeft(a, 14);
    c ^= b; c -= Integer.rotateLeft(b, 24);
    return c;
  }

  /** Up to four bytes from {@code at}, little-endian. */
  private static int word(byte[] d, int at, int n) {
    int w = 0;
    for (int i = 0; i < n; i++) {
      w |= (d[at + i] & 0xff) << (8 * i);
    }
    return w;
  }
}
