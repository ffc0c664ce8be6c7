package io.trajstream.h5md.write;

/**
 * The element types this writer stores, each with its HDF5 datatype message (version 1):
 * little-endian IEEE float32 and float64, signed int32 and int64, and variable-length UTF-8 strings
 * (whose elements are global heap references).
 */
public enum HdfType {
  FLOAT32(4),
  FLOAT64(8),
  INT32(4),
  INT64(8),
  /** Variable-length UTF-8 string: each element is {length, heap collection address, object index}. */
  STRING(16);

  private final int size;

  HdfType(int size) {
    this.size = size;
  }

  /** Bytes per element as stored. */
  public int size() {
    return size;
  }

  /** The datatype message body. */
  byte[] encode() {
    LeBytes b = new LeBytes();
    switch (this) {
      case FLOAT32 -> floating(b, 4, 31, 23, 8, 0, 23, 127);
      case FLOAT64 -> floating(b, 8, 63, 52, 11, 0, 52, 1023);
      case INT32, INT64 -> integer(b, size, true);
      case STRING -> {
        // class 9 (variable-length), type 1 (string), null-terminated padding, UTF-8
        b.u8(0x10 | 9).u8(0x01).u8(0x01).u8(0x00).u32(size);
        integer(b, 1, false); // the base type: one unsigned byte per character
      }
      default -> throw new AssertionError(this);
    }
    return b.toArray();
  }

  private static void integer(LeBytes b, int bytes, boolean signed) {
    b.u8(0x10).u8(signed ? 0x08 : 0x00).u8(0).u8(0).u32(bytes);
    b.u16(0).u16(bytes * 8);
  }

  private static void floating(LeBytes b, int bytes, int signBit, int expLoc, int expSize, int mantLoc, int mantSize, int bias) {
    // class 1, little-endian, mantissa normalization "most significant bit implied" (2 << 4)
    b.u8(0x10 | 1).u8(0x20).u8(signBit).u8(0).u32(bytes);
    b.u16(0).u16(bytes * 8).u8(expLoc).u8(expSize).u8(mantLoc).u8(mantSize).u32(bias);
  }
}
