package io.trajstream.h5md.tree;

import java.nio.ByteOrder;

/**
 * The element type of a numeric dataset: float, signed or unsigned integer, its size in bytes and
 * byte order; written as a NumPy/Zarr type string such as {@code <f4}.
 */
public record DataKind(char kind, int size, ByteOrder order) {
  public DataKind {
    if ("fiu".indexOf(kind) < 0 || !(size == 1 || size == 2 || size == 4 || size == 8)
        || (kind == 'f' && size < 4)) {
      throw new IllegalArgumentException("unsupported element type " + kind + size);
    }
  }

  /** E.g. {@code <f4}, {@code >i8}, {@code |u1}. */
  public String typestr() {
    char o = size == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + o + kind + size;
  }

  /** Parses {@link #typestr()}. */
  public static DataKind parse(String s) {
    if (s.length() < 3) {
      throw new IllegalArgumentException("bad dtype '" + s + "'");
    }
    ByteOrder order = s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new DataKind(s.charAt(1), Integer.parseInt(s.substring(2)), order);
  }

  /** Reads element {@code i} of {@code buf} (from its position 0) as a double. */
  public double get(java.nio.ByteBuffer buf, int i) {
    int p = i * size;
    switch (kind) {
      case 'f':
        return size == 4 ? buf.getFloat(p) : buf.getDouble(p);
      case 'i':
        return size == 1 ? buf.get(p) : size == 2 ? buf.getShort(p) : size == 4 ? buf.getInt(p) : (double) buf.getLong(p);
      default:
        return size == 1 ? buf.get(p) & 0xff : size == 2 ? buf.getShort(p) & 0xffff
            : size == 4 ? buf.getInt(p) & 0xffffffffL : unsignedLong(buf.getLong(p));
    }
  }

  /** Reads element {@code i} as a long (integers exactly, floats rounded). */
  public long getLong(java.nio.ByteBuffer buf, int i) {
    if (kind == 'f') {
      return Math.round(get(buf, i));
    }
    int p = i * size;
    switch (size) {
      case 1: return kind == 'i' ? buf.get(p) : buf.get(p) & 0xff;
      case 2: return kind == 'i' ? buf.getShort(p) : buf.getShort(p) & 0xffff;
      case 4: return kind == 'i' ? buf.getInt(p) : buf.getInt(p) & 0xffffffffL;
      default: return buf.getLong(p);
    }
  }

  private static double unsignedLong(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
