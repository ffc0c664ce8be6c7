package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * numcodecs' {@code shuffle} filter: byte {@code j} of element {@code i} moves to position {@code
 * j * count + i}, grouping equal-significance bytes. Its output is a byte buffer.
 */
public final class ShuffleCodec implements Codec {
  private static final DataType BYTES = DataType.of(DataType.Kind.UINT, 1, ByteOrder.LITTLE_ENDIAN);
  private final int elementSize;

  public ShuffleCodec(int elementSize) {
    this.elementSize = elementSize;
  }

  @Override
  public String id() {
    return "shuffle";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "shuffle");
    m.put("elementsize", elementSize);
    return m;
  }

  @Override
  public DataType encodedType(DataType input) {
    return BYTES;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) throws IOException {
    return permute(data, true);
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return permute(data, false);
  }

  private byte[] permute(byte[] data, boolean forward) throws IOException {
    if (elementSize <= 1) {
      return data.clone();
    }
    if (data.length % elementSize != 0) {
      throw new IOException("shuffle: buffer of " + data.length + " bytes is not a multiple of elementsize " + elementSize);
    }
    int count = data.length / elementSize;
    byte[] out = new byte[data.length];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < elementSize; j++) {
        if (forward) {
          out[j * count + i] = data[i * elementSize + j];
        } else {
          out[i * elementSize + j] = data[j * count + i];
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "shuffle(" + elementSize + ")";
  }

  /** Factory for {@code shuffle}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "shuffle";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new ShuffleCodec(CodecConfig.getInt(c, "elementsize", 4));
    }
  }
}
