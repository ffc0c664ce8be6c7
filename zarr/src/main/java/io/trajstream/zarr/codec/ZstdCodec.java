package io.trajstream.zarr.codec;

import com.github.luben.zstd.Zstd;
import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** numcodecs' {@code zstd}: one Zstandard frame with the content size in its header. */
public final class ZstdCodec implements Codec {
  private final int level;

  public ZstdCodec(int level) {
    this.level = level;
  }

  @Override
  public String id() {
    return "zstd";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "zstd");
    m.put("level", level);
    return m;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    return Zstd.compress(data, level);
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return decode(data, type, Integer.MAX_VALUE - 8);
  }

  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    long size = Zstd.getFrameContentSize(data);
    if (size < 0) {
      throw new IOException("zstd: frame without a usable content size (" + size + ")");
    }
    if (size > maxBytes) {
      throw new IOException("zstd: frame declares " + size + " bytes, a chunk holds " + maxBytes);
    }
    try {
      return Zstd.decompress(data, (int) size);
    } catch (RuntimeException e) {
      throw new IOException("zstd: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "zstd(" + level + ")";
  }

  /** Factory for {@code zstd}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "zstd";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new ZstdCodec(CodecConfig.getInt(c, "level", 1));
    }
  }
}
