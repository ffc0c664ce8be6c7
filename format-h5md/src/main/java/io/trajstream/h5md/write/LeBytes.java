package io.trajstream.h5md.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer for encoding HDF5 metadata structures. */
final class LeBytes {
  /** HDF5's undefined address (all bits set). */
  static final long UNDEFINED = -1L;

  private byte[] buf = new byte[64];
  private int size;

  int size() {
    return size;
  }

  private void room(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  LeBytes u8(int v) {
    room(1);
    buf[size++] = (byte) v;
    return this;
  }

  LeBytes u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("value " + v + " does not fit in 2 bytes");
    }
    return u8(v).u8(v >>> 8);
  }

  LeBytes u32(long v) {
    for (int i = 0; i < 4; i++) {
      u8((int) (v >>> (8 * i)));
    }
    return this;
  }

  LeBytes u64(long v) {
    for (int i = 0; i < 8; i++) {
      u8((int) (v >>> (8 * i)));
    }
    return this;
  }

  LeBytes bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  LeBytes bytes(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  LeBytes ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  LeBytes zeros(int n) {
    room(n);
    size += n; // the array is zero beyond size
    return this;
  }

  /** Overwrites 4 bytes at {@code at}. */
  void putU32(int at, long v) {
    for (int i = 0; i < 4; i++) {
      buf[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Appends the lookup3 checksum of everything written so far. */
  LeBytes checksum() {
    return u32(Checksums.lookup3(buf, 0, size) & 0xffffffffL);
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }
}
