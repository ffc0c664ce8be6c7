package io.trajstream.fuzz;

import java.util.Arrays;

/**
 * Reads the small settings header some targets put before their payload (so that the fuzzer
 * mutates settings and payload together): bytes, 3-byte and 4-byte little-endian integers. Past
 * the end of the input every read gives 0.
 */
final class Header {
  /** Element types by number, as the seeds' headers give them (see seeds/make-seeds.py). */
  static final String[] DTYPES = {"<f4", "<f8", "<i4", "<i8", ">f4", "|u1", "<u2", ">i8"};

  private final byte[] data;
  private int pos;

  Header(byte[] data) {
    this.data = data;
  }

  int u8() {
    return pos < data.length ? data[pos++] & 0xff : 0;
  }

  int u24() {
    return u8() | u8() << 8 | u8() << 16;
  }

  int i32() {
    return u24() | u8() << 24;
  }

  /** One of {@link #DTYPES}. */
  String dtype() {
    return DTYPES[u8() % DTYPES.length];
  }

  /** Everything after the header. */
  byte[] rest() {
    return pos >= data.length ? new byte[0] : Arrays.copyOfRange(data, pos, data.length);
  }
}
