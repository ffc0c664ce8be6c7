package io.trajstream.zarr.codec;

import com.scalableminds.bloscjava.Blosc;
import io.trajstream.zarr.Codec;
import io.trajstream.zarr.CodecFactory;
import io.trajstream.zarr.DataType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * numcodecs' {@code blosc} compressor (Blosc 1 frames): LZ4 with byte shuffle or none (zarrtraj's
 * default) in Java on lz4-java ({@link BloscLz4}), everything else on the bundled native c-blosc: cname lz4,
 * lz4hc, blosclz, zstd or zlib; shuffle 0 (none), 1 (byte), 2 (bit) or -1 (auto: bit for 1-byte
 * types, else byte); typesize is the element size of the data, as numcodecs uses it.
 */
public final class BloscCodec implements Codec {
  /** numcodecs' AUTOSHUFFLE. */
  public static final int AUTOSHUFFLE = -1;
  private static final Set<String> CNAMES = Set.of("lz4", "lz4hc", "blosclz", "zstd", "zlib");
  private static final int HEADER = 16;
  /** Threads blosc may use inside one chunk ({@code trajstream.blosc.threads}, default: processors, at most 4). */
  private static final int THREADS =
      Integer.getInteger("trajstream.blosc.threads", Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final String cname;
  private final int clevel;
  private final int shuffle;
  private final int blocksize;

  public BloscCodec(String cname, int clevel, int shuffle, int blocksize) {
    if (!CNAMES.contains(cname)) {
      throw new IllegalArgumentException("cname '" + cname + "' is not one of " + CNAMES);
    }
    if (clevel < 0 || clevel > 9) {
      throw new IllegalArgumentException("clevel " + clevel + " is not within 0..9");
    }
    if (shuffle < -1 || shuffle > 2) {
      throw new IllegalArgumentException("shuffle " + shuffle + " is not -1, 0, 1 or 2");
    }
    if (blocksize < 0) {
      throw new IllegalArgumentException("blocksize " + blocksize + " is negative");
    }
    this.cname = cname;
    this.clevel = clevel;
    this.shuffle = shuffle;
    this.blocksize = blocksize;
  }

  @Override
  public String id() {
    return "blosc";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "blosc");
    m.put("cname", cname);
    m.put("clevel", clevel);
    m.put("shuffle", shuffle);
    m.put("blocksize", blocksize);
    return m;
  }

  @Override
  public byte[] encode(byte[] data, DataType type) throws IOException {
    int typesize = type.size();
    int sh = shuffle == AUTOSHUFFLE ? (typesize == 1 ? 2 : 1) : shuffle;
    if (cname.equals("lz4") && sh != 2) {
      return BloscLz4.compress(data, typesize, clevel, sh == 1, blocksize);
    }
    return Blosc.compress(data, typesize, Blosc.Compressor.fromString(cname), clevel, Blosc.Shuffle.fromInt(sh), blocksize, THREADS);
  }

  @Override
  public byte[] decode(byte[] data, DataType type) throws IOException {
    return decode(data, type, Integer.MAX_VALUE - 8);
  }

  /** Checks the header's sizes against {@code maxBytes} and the buffer before anything is allocated. */
  @Override
  public byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    if (data.length < HEADER) {
      throw new IOException("blosc: buffer of " + data.length + " bytes is shorter than a blosc header");
    }
    int version = data[0] & 0xFF;
    if (version < 1 || version > 2) {
      throw new IOException("blosc: unsupported format version " + version);
    }
    java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(data, 0, HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int nbytes = h.getInt(4);
    int cbytes = h.getInt(12);
    if (nbytes < 0 || nbytes > maxBytes) {
      throw new IOException("blosc: header declares " + Integer.toUnsignedString(nbytes) + " bytes, a chunk holds " + maxBytes);
    }
    if (cbytes < HEADER || cbytes > data.length) {
      throw new IOException("blosc: header declares " + Integer.toUnsignedString(cbytes) + " compressed bytes, the buffer has "
          + data.length);
    }
    if (BloscLz4.canDecode(data)) {
      byte[] out = new byte[BloscLz4.nbytes(data)];
      BloscLz4.decompress(data, out, 0);
      return out;
    }
    byte[] out;
    try {
      out = Blosc.decompress(data, THREADS);
    } catch (RuntimeException e) {
      // blosc-java reports a frame the native decoder rejects as a bare RuntimeException
      throw new IOException("blosc: " + e.getMessage(), e);
    }
    if (out == null) {
      throw new IOException("blosc: corrupt or truncated buffer of " + data.length + " bytes");
    }
    return out;
  }

  /**
   * An encoder that builds this codec's frame of a float32 chunk of {@code nbytes} bytes while the
   * chunk fills (same bytes as {@link #encode}), or null when this configuration has none (not LZ4,
   * bitshuffle, level 0 or a chunk under 128 bytes).
   */
  public FloatChunkEncoder floatChunkEncoder(int nbytes) {
    int sh = shuffle == AUTOSHUFFLE ? 1 : shuffle;
    if (!cname.equals("lz4") || sh == 2 || clevel == 0 || nbytes < 128 || nbytes % 4 != 0) {
      return null;
    }
    return new FloatChunkEncoder(nbytes, clevel, sh == 1, blocksize);
  }

  /**
   * Whether {@link #decodeFloats} can decode {@code stored} (a little-endian float32 chunk in an
   * LZ4 Blosc frame) straight into floats.
   */
  public static boolean canDecodeFloats(byte[] stored) {
    return canDecodeFloats(java.nio.ByteBuffer.wrap(stored));
  }

  /** As {@link #canDecodeFloats(byte[])}, for a stored chunk from index 0 to the buffer's limit (heap or direct). */
  public static boolean canDecodeFloats(java.nio.ByteBuffer stored) {
    return BloscLz4.canDecode(stored) && (stored.get(3) & 0xFF) == 4;
  }

  /**
   * As {@link #canDecodeFloats(java.nio.ByteBuffer)}, and the frame's header declares exactly {@code
   * chunkBytes} bytes (a frame declaring another size is left to {@link #decode}, which rejects it).
   */
  public static boolean canDecodeFloats(java.nio.ByteBuffer stored, int chunkBytes) {
    return canDecodeFloats(stored) && stored.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4) == chunkBytes;
  }

  /** Decodes the first {@code count} floats of a chunk ({@link #canDecodeFloats}) into {@code dst} at {@code off}. */
  public static void decodeFloats(byte[] stored, float[] dst, int off, int count) throws IOException {
    BloscLz4.decompressFloats(stored, dst, off, count);
  }

  /**
   * As {@link #decodeFloats(byte[], float[], int, int)}, from a stored chunk at index 0 to the
   * buffer's limit; {@code splitBlocks} shares the chunk's blocks among threads (worth it when
   * fewer chunks than processors are decoded at once).
   */
  public static void decodeFloats(java.nio.ByteBuffer stored, float[] dst, int off, int count, boolean splitBlocks)
      throws IOException {
    BloscLz4.decompressFloats(stored, dst, off, count, splitBlocks);
  }

  @Override
  public String toString() {
    return "blosc(" + cname + "," + clevel + "," + (shuffle == 0 ? "noshuffle" : shuffle == 2 ? "bitshuffle" : shuffle == 1 ? "shuffle" : "autoshuffle") + ")";
  }

  /** Factory for {@code blosc}. */
  public static final class Factory implements CodecFactory {
    @Override
    public String id() {
      return "blosc";
    }

    @Override
    public Codec create(Map<String, Object> c) {
      return new BloscCodec(
          CodecConfig.getString(c, "cname", "lz4"),
          CodecConfig.getInt(c, "clevel", 5),
          CodecConfig.getInt(c, "shuffle", 1),
          CodecConfig.getInt(c, "blocksize", 0));
    }
  }
}
