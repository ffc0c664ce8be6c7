package io.trajstream.zarr.codec;

import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** numcodecs' {@code gzip}: a gzip (RFC 1952) member. */
public final class GzipCodec implements Codec {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private final int level;

  public GzipCodec(int level) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("level " + level + " is not within 0..9");
    }
    this.level = level;
  }

  @Override
  public String id() {
    return "gzip";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "gzip");
    m.put("level", level);
    return m;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) {
    byte[] body = ZlibCodec.deflate(data, level, true);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    byte[] out = new byte[HEADER.length + body.length + 8];
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    System.arraycopy(body, 0, out, HEADER.length, body.length);
    java.nio.ByteBuffer.wrap(out, HEADER.length + body.length, 8)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt((int) crc.getValue())
        .putInt(data.length);
    return out;
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return decode(data, type, Integer.MAX_VALUE - 8);
  }

  /** Stops as soon as the member gives more than {@code maxBytes} bytes. */
  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 64 * 1024)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(64, data.length * 3L)));
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        if (n > maxBytes - out.size()) {
          throw new IOException("gzip: member inflates to more than the " + maxBytes + " bytes of a chunk");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (java.util.zip.ZipException e) {
      throw new IOException("gzip: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "gzip(" + level + ")";
  }

  /** Factory for {@code gzip}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "gzip";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new GzipCodec(CodecConfig.getInt(c, "level", 1));
    }
  }
}
