package io.trajstream.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * A Zarr v2 numeric data type as written in {@code .zarray} ({@code <f4}, {@code >i8}, {@code |b1},
 * …): its kind (float, signed, unsigned, bool), size in bytes and byte order.
 */
public final class DataType {
  /** The kinds of values supported. */
  public enum Kind {
    FLOAT('f'), INT('i'), UINT('u'), BOOL('b');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    /** The numpy kind letter. */
    public char code() {
      return code;
    }
  }

  public static final DataType FLOAT32 = new DataType(Kind.FLOAT, 4, ByteOrder.LITTLE_ENDIAN);
  public static final DataType FLOAT64 = new DataType(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN);
  public static final DataType INT32 = new DataType(Kind.INT, 4, ByteOrder.LITTLE_ENDIAN);
  public static final DataType INT64 = new DataType(Kind.INT, 8, ByteOrder.LITTLE_ENDIAN);

  private final Kind kind;
  private final int size;
  private final ByteOrder order;

  private DataType(Kind kind, int size, ByteOrder order) {
    this.kind = kind;
    this.size = size;
    this.order = order;
  }

  /** Builds a type; single-byte types have no byte order. */
  public static DataType of(Kind kind, int size, ByteOrder order) {
    boolean ok =
        switch (kind) {
          case FLOAT -> size == 4 || size == 8;
          case INT, UINT -> size == 1 || size == 2 || size == 4 || size == 8;
          case BOOL -> size == 1;
        };
    if (!ok) {
      throw new IllegalArgumentException("unsupported data type " + kind + " of " + size + " bytes");
    }
    return new DataType(kind, size, size == 1 ? ByteOrder.LITTLE_ENDIAN : order);
  }

  /**
   * Parses a numpy type string such as {@code <f4}, {@code >u2}, {@code |b1}, {@code |u1}.
   *
   * @throws IllegalArgumentException when the type is not a supported numeric type
   */
  public static DataType parse(String s) {
    if (s == null || s.length() < 3) {
      throw new IllegalArgumentException("unsupported dtype '" + s + "'");
    }
    char o = s.charAt(0);
    ByteOrder order;
    switch (o) {
      case '<', '|' -> order = ByteOrder.LITTLE_ENDIAN;
      case '>' -> order = ByteOrder.BIG_ENDIAN;
      case '=' -> order = ByteOrder.nativeOrder();
      default -> throw new IllegalArgumentException("unsupported dtype '" + s + "'");
    }
    Kind kind =
        switch (s.charAt(1)) {
          case 'f' -> Kind.FLOAT;
          case 'i' -> Kind.INT;
          case 'u' -> Kind.UINT;
          case 'b' -> Kind.BOOL;
          default -> throw new IllegalArgumentException("unsupported dtype '" + s + "'");
        };
    int size;
    try {
      size = Integer.parseInt(s.substring(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported dtype '" + s + "'");
    }
    try {
      return of(kind, size, order);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported dtype '" + s + "'");
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  public ByteOrder order() {
    return order;
  }

  /** The same kind and size in little-endian order. */
  public DataType littleEndian() {
    return order == ByteOrder.LITTLE_ENDIAN ? this : new DataType(kind, size, ByteOrder.LITTLE_ENDIAN);
  }

  /** The numpy type string, e.g. {@code <f4}; single-byte types use {@code |}. */
  public String code() {
    char o = size == 1 ? '|' : (order == ByteOrder.BIG_ENDIAN ? '>' : '<');
    return "" + o + kind.code() + size;
  }

  /** Reads element {@code index} of {@code buf} (absolute, any byte order of the buffer) as a double. */
  public double getDouble(ByteBuffer buf, int index) {
    int at = index * size;
    ByteBuffer b = buf.order() == order ? buf : buf.duplicate().order(order);
    return switch (kind) {
      case FLOAT -> size == 4 ? b.getFloat(at) : b.getDouble(at);
      case BOOL -> b.get(at) != 0 ? 1.0 : 0.0;
      case INT -> getSigned(b, at);
      case UINT -> size == 8 ? unsignedToDouble(b.getLong(at)) : getUnsigned(b, at);
    };
  }

  /** Reads element {@code index} as a long (floats are truncated toward zero). */
  public long getLong(ByteBuffer buf, int index) {
    int at = index * size;
    ByteBuffer b = buf.order() == order ? buf : buf.duplicate().order(order);
    return switch (kind) {
      case FLOAT -> (long) (size == 4 ? b.getFloat(at) : b.getDouble(at));
      case BOOL -> b.get(at) != 0 ? 1 : 0;
      case INT -> getSigned(b, at);
      case UINT -> getUnsigned(b, at);
    };
  }

  /** Writes {@code v} as element {@code index}, converting to this type. */
  public void putDouble(ByteBuffer buf, int index, double v) {
    int at = index * size;
    ByteBuffer b = buf.order() == order ? buf : buf.duplicate().order(order);
    switch (kind) {
      case FLOAT -> {
        if (size == 4) {
          b.putFloat(at, (float) v);
        } else {
          b.putDouble(at, v);
        }
      }
      case BOOL -> b.put(at, (byte) (v != 0 ? 1 : 0));
      default -> putIntegral(b, at, (long) v);
    }
  }

  /** Writes {@code v} as element {@code index}, converting to this type. */
  public void putLong(ByteBuffer buf, int index, long v) {
    int at = index * size;
    ByteBuffer b = buf.order() == order ? buf : buf.duplicate().order(order);
    switch (kind) {
      case FLOAT -> {
        if (size == 4) {
          b.putFloat(at, (float) v);
        } else {
          b.putDouble(at, (double) v);
        }
      }
      case BOOL -> b.put(at, (byte) (v != 0 ? 1 : 0));
      default -> putIntegral(b, at, v);
    }
  }

  private void putIntegral(ByteBuffer b, int at, long v) {
    switch (size) {
      case 1 -> b.put(at, (byte) v);
      case 2 -> b.putShort(at, (short) v);
      case 4 -> b.putInt(at, (int) v);
      default -> b.putLong(at, v);
    }
  }

  private long getSigned(ByteBuffer b, int at) {
    return switch (size) {
      case 1 -> b.get(at);
      case 2 -> b.getShort(at);
      case 4 -> b.getInt(at);
      default -> b.getLong(at);
    };
  }

  private long getUnsigned(ByteBuffer b, int at) {
    return switch (size) {
      case 1 -> b.get(at) & 0xFFL;
      case 2 -> b.getShort(at) & 0xFFFFL;
      case 4 -> b.getInt(at) & 0xFFFFFFFFL;
      default -> b.getLong(at);
    };
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0 + (v & 1);
  }

  /** Converts {@code count} elements of {@code raw} (this type) to floats. */
  public float[] toFloats(ByteBuffer raw, int count) {
    float[] out = new float[count];
    ByteBuffer b = raw.duplicate().order(order);
    if (kind == Kind.FLOAT && size == 4) {
      b.asFloatBuffer().get(out);
    } else if (kind == Kind.FLOAT) {
      java.nio.DoubleBuffer d = b.asDoubleBuffer();
      for (int i = 0; i < count; i++) {
        out[i] = (float) d.get(i);
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = (float) getDouble(b, i);
      }
    }
    return out;
  }

  /** Converts {@code count} elements of {@code raw} to doubles. */
  public double[] toDoubles(ByteBuffer raw, int count) {
    double[] out = new double[count];
    ByteBuffer b = raw.duplicate().order(order);
    for (int i = 0; i < count; i++) {
      out[i] = getDouble(b, i);
    }
    return out;
  }

  /** Converts {@code count} elements of {@code raw} to longs. */
  public long[] toLongs(ByteBuffer raw, int count) {
    long[] out = new long[count];
    ByteBuffer b = raw.duplicate().order(order);
    for (int i = 0; i < count; i++) {
      out[i] = getLong(b, i);
    }
    return out;
  }

  /** Encodes floats as this type into a new buffer in this type's byte order. */
  public ByteBuffer fromFloats(float[] v, int off, int count) {
    ByteBuffer b = ByteBuffer.allocate(count * size).order(order);
    if (kind == Kind.FLOAT && size == 4) {
      b.asFloatBuffer().put(v, off, count);
    } else {
      for (int i = 0; i < count; i++) {
        putDouble(b, i, v[off + i]);
      }
    }
    return b;
  }

  /** Encodes doubles as this type. */
  public ByteBuffer fromDoubles(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * size).order(order);
    for (int i = 0; i < v.length; i++) {
      putDouble(b, i, v[i]);
    }
    return b;
  }

  /** Encodes longs as this type. */
  public ByteBuffer fromLongs(long[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * size).order(order);
    for (int i = 0; i < v.length; i++) {
      putLong(b, i, v[i]);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataType d && d.kind == kind && d.size == size && d.order.equals(order);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + size * 7 + order.hashCode();
  }

  @Override
  public String toString() {
    return code().toLowerCase(Locale.ROOT);
  }
}
