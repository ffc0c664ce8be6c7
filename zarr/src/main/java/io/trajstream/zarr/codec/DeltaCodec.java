package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * numcodecs' {@code delta} filter: the first value, then differences of consecutive values of the
 * flattened chunk (integers wrap at the width of {@code dtype}), stored as {@code astype}.
 */
public final class DeltaCodec implements Codec {
  private final DataType dtype;
  private final DataType astype;

  public DeltaCodec(DataType dtype, DataType astype) {
    if (dtype.kind() == DataType.Kind.BOOL || astype.kind() == DataType.Kind.BOOL) {
      throw new IllegalArgumentException("boolean data is not supported");
    }
    this.dtype = dtype;
    this.astype = astype;
  }

  @Override
  public String id() {
    return "delta";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "delta");
    m.put("dtype", dtype.code());
    m.put("astype", astype.code());
    return m;
  }

  @Override
  public DataType encodedType(DataType input) {
    return astype;
  }

  private long narrow(long v, DataType t) {
    int bits = t.size() * 8;
    if (bits == 64) {
      return v;
    }
    long mask = (1L << bits) - 1;
    long u = v & mask;
    if (t.kind() == DataType.Kind.INT && (u & (1L << (bits - 1))) != 0) {
      u |= ~mask;
    }
    return u;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    int n = data.length / dtype.size();
    ByteBuffer in = ByteBuffer.wrap(data).order(dtype.order());
    ByteBuffer out = ByteBuffer.allocate(n * astype.size()).order(astype.order());
    if (dtype.kind() == DataType.Kind.FLOAT) {
      double prev = 0;
      for (int i = 0; i < n; i++) {
        double x = dtype.getDouble(in, i);
        double d = i == 0 ? x : x - prev;
        if (dtype.size() == 4) {
          d = (float) ((float) x - (float) prev);
          if (i == 0) {
            d = (float) x;
          }
        }
        astype.putDouble(out, i, d);
        prev = x;
      }
    } else {
      long prev = 0;
      for (int i = 0; i < n; i++) {
        long x = dtype.getLong(in, i);
        long d = i == 0 ? x : narrow(x - prev, dtype);
        astype.putLong(out, i, d);
        prev = x;
      }
    }
    return out.array();
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return decode(data, type, Integer.MAX_VALUE - 8);
  }

  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    if (data.length % astype.size() != 0) {
      throw new IOException("delta: " + data.length + " bytes are not a whole number of " + astype.code());
    }
    int n = data.length / astype.size();
    if ((long) n * dtype.size() > maxBytes) {
      throw new IOException("delta: " + n + " elements of " + dtype.code() + " are more than the " + maxBytes + " bytes of a chunk");
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(astype.order());
    ByteBuffer out = ByteBuffer.allocate(n * dtype.size()).order(dtype.order());
    if (dtype.kind() == DataType.Kind.FLOAT) {
      if (dtype.size() == 4) {
        float acc = 0f;
        for (int i = 0; i < n; i++) {
          acc = acc + (float) astype.getDouble(in, i);
          dtype.putDouble(out, i, acc);
        }
      } else {
        double acc = 0;
        for (int i = 0; i < n; i++) {
          acc += astype.getDouble(in, i);
          dtype.putDouble(out, i, acc);
        }
      }
    } else {
      long acc = 0;
      for (int i = 0; i < n; i++) {
        acc = narrow(acc + astype.getLong(in, i), dtype);
        dtype.putLong(out, i, acc);
      }
    }
    return out.array();
  }

  @Override
  public String toString() {
    return "delta(" + dtype.code() + ")";
  }

  /** Factory for {@code delta}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "delta";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      DataType dtype = CodecConfig.getType(c, "dtype", null);
      return new DeltaCodec(dtype, CodecConfig.getType(c, "astype", dtype));
    }
  }
}
