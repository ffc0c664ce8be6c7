package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** numcodecs' {@code zlib}: a zlib (RFC 1950) stream. */
public final class ZlibCodec implements Codec {
  private final int level;

  public ZlibCodec(int level) {
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("level " + level + " is not within -1..9");
    }
    this.level = level;
  }

  @Override
  public String id() {
    return "zlib";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "zlib");
    m.put("level", level);
    return m;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    return deflate(data, level, false);
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return inflate(data, 0, data.length, false, Integer.MAX_VALUE - 8);
  }

  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    return inflate(data, 0, data.length, false, maxBytes);
  }

  static byte[] deflate(byte[] data, int level, boolean raw) {
    Deflater d = new Deflater(level, raw);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
      byte[] buf = new byte[64 * 1024];
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Inflates a stream that must give at most {@code maxBytes} bytes (stops as soon as it gives more). */
  static byte[] inflate(byte[] data, int off, int len, boolean raw, int maxBytes) throws IOException {
    Inflater inf = new Inflater(raw);
    try {
      inf.setInput(data, off, len);
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(64, len * 3L)));
      byte[] buf = new byte[64 * 1024];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("zlib: truncated or corrupt stream");
        }
        if (n > maxBytes - out.size()) {
          throw new IOException("zlib: stream inflates to more than the " + maxBytes + " bytes of a chunk");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IOException("zlib: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  @Override
  public String toString() {
    return "zlib(" + level + ")";
  }

  /** Factory for {@code zlib}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "zlib";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new ZlibCodec(CodecConfig.getInt(c, "level", 1));
    }
  }
}
