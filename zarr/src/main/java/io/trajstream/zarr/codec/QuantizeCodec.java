package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * numcodecs' {@code quantize} filter: keeps {@code digits} decimal digits by rounding each value to
 * a multiple of 2^-bits, with bits = ceil(log2(10^digits)), computed in the precision of {@code
 * dtype} exactly as numcodecs does, then stores the values as {@code astype}. Decoding is a cast.
 */
public final class QuantizeCodec implements Codec {
  private final int digits;
  private final DataType dtype;
  private final DataType astype;
  private final double scale;

  public QuantizeCodec(int digits, DataType dtype, DataType astype) {
    if (dtype.kind() != DataType.Kind.FLOAT || astype.kind() != DataType.Kind.FLOAT) {
      throw new IllegalArgumentException("only floating point data types are supported");
    }
    this.digits = digits;
    this.dtype = dtype;
    this.astype = astype;
    this.scale = scaleFor(digits);
  }

  /** 2^bits for {@code digits} decimal digits, as numcodecs computes it. */
  public static double scaleFor(int digits) {
    double precision = Math.pow(10.0, -digits);
    double exp = Math.log10(precision);
    int e = exp < 0 ? (int) Math.floor(exp) : (int) Math.ceil(exp);
    int bits = (int) Math.ceil(Math.log(Math.pow(10.0, -e)) / Math.log(2));
    return Math.pow(2.0, bits);
  }

  /** The rounding step: the largest error of a quantized value is half of it. */
  public double step() {
    return 1.0 / scale;
  }

  public int digits() {
    return digits;
  }

  @Override
  public String id() {
    return "quantize";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "quantize");
    m.put("digits", digits);
    m.put("dtype", dtype.code());
    m.put("astype", astype.code());
    return m;
  }

  @Override
  public DataType encodedType(DataType input) {
    return astype;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    int n = data.length / dtype.size();
    ByteBuffer in = ByteBuffer.wrap(data).order(dtype.order());
    ByteBuffer out = ByteBuffer.allocate(n * astype.size()).order(astype.order());
    if (dtype.size() == 4) {
      float s = (float) scale;
      for (int i = 0; i < n; i++) {
        float x = in.getFloat(i * 4);
        float r = (float) Math.rint(s * x) / s;
        astype.putDouble(out, i, r);
      }
    } else {
      for (int i = 0; i < n; i++) {
        double x = in.getDouble(i * 8);
        astype.putDouble(out, i, Math.rint(scale * x) / scale);
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
      throw new IOException("quantize: " + data.length + " bytes are not a whole number of " + astype.code());
    }
    int n = data.length / astype.size();
    if ((long) n * dtype.size() > maxBytes) {
      throw new IOException("quantize: " + n + " elements of " + dtype.code() + " are more than the " + maxBytes + " bytes of a chunk");
    }
    if (astype.equals(dtype)) {
      return data;
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(astype.order());
    ByteBuffer out = ByteBuffer.allocate(n * dtype.size()).order(dtype.order());
    for (int i = 0; i < n; i++) {
      dtype.putDouble(out, i, astype.getDouble(in, i));
    }
    return out.array();
  }

  @Override
  public String toString() {
    return "quantize(" + digits + ")";
  }

  /** Factory for {@code quantize}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "quantize";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      DataType dtype = CodecConfig.getType(c, "dtype", null);
      return new QuantizeCodec(CodecConfig.getInt(c, "digits", 0), dtype, CodecConfig.getType(c, "astype", dtype));
    }
  }
}
