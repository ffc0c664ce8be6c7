package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * numcodecs' {@code lz4}: the uncompressed size as a 4-byte little-endian integer, then one LZ4
 * block. The acceleration is kept in the configuration; encoding uses LZ4's default speed.
 */
public final class Lz4Codec implements Codec {
  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
  private final int acceleration;

  public Lz4Codec(int acceleration) {
    this.acceleration = acceleration;
  }

  @Override
  public String id() {
    return "lz4";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "lz4");
    m.put("acceleration", acceleration);
    return m;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    int max = COMPRESSOR.maxCompressedLength(data.length);
    byte[] out = new byte[4 + max];
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length);
    int n = COMPRESSOR.compress(data, 0, data.length, out, 4, max);
    return java.util.Arrays.copyOf(out, 4 + n);
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return decode(data, type, Integer.MAX_VALUE - 8);
  }

  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    if (data.length < 4) {
      throw new IOException("lz4: buffer of " + data.length + " bytes has no size header");
    }
    int size = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (size < 0 || size > maxBytes) {
      throw new IOException("lz4: size header " + Integer.toUnsignedString(size) + " is not within a chunk of " + maxBytes + " bytes");
    }
    byte[] out = new byte[size];
    try {
      int n = DECOMPRESSOR.decompress(data, 4, data.length - 4, out, 0, size);
      if (n != size) {
        throw new IOException("lz4: decoded " + n + " bytes, header says " + size);
      }
    } catch (LZ4Exception e) {
      throw new IOException("lz4: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public String toString() {
    return "lz4";
  }

  /** Factory for {@code lz4}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "lz4";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new Lz4Codec(CodecConfig.getInt(c, "acceleration", 1));
    }
  }
}
