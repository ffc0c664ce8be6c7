package io.trajstream.h5md.codec;

import java.util.Map;

/** The HDF5 filters TrajStream decodes, by HDF5 filter id. */
public final class Filters {
  public static final int DEFLATE = 1;
  public static final int SHUFFLE = 2;
  public static final int FLETCHER32 = 3;
  public static final int LZF = 32000;
  public static final int BLOSC = 32001;
  public static final int LZ4 = 32004;
  public static final int BITSHUFFLE = 32008;
  public static final int ZSTD = 32015;

  private static final Map<Integer, ChunkFilter> BY_ID = Map.of(
      DEFLATE, new DeflateFilter(),
      SHUFFLE, new ShuffleFilter(),
      FLETCHER32, new Fletcher32Filter(),
      LZF, new LzfFilter(),
      BLOSC, new BloscFilter(),
      LZ4, new Lz4Filter(),
      BITSHUFFLE, new BitshuffleFilter(),
      ZSTD, new ZstdFilter());

  /** Bytes a step may produce beyond the chunk's decoded size: the checksums of later steps. */
  private static final int FRAMING_BYTES = 64;

  private Filters() {}

  /**
   * The most bytes one filter step may produce for a chunk that decodes to {@code expectedSize}
   * bytes: the chunk plus the few bytes of framing later steps strip (a Fletcher-32 checksum), or
   * the largest array when the size is unknown.
   */
  public static int maxOutput(int expectedSize) {
    return expectedSize > 0 ? (int) Math.min(Integer.MAX_VALUE - 8, (long) expectedSize + FRAMING_BYTES) : Integer.MAX_VALUE - 8;
  }

  /** The decoder for filter {@code id}, or null when unsupported. */
  public static ChunkFilter forId(int id) {
    return BY_ID.get(id);
  }

  /** A short name for messages and {@code info}. */
  public static String name(int id) {
    switch (id) {
      case DEFLATE: return "gzip";
      case SHUFFLE: return "shuffle";
      case FLETCHER32: return "fletcher32";
      case LZF: return "lzf";
      case BLOSC: return "blosc";
      case LZ4: return "lz4";
      case BITSHUFFLE: return "bitshuffle";
      case ZSTD: return "zstd";
      default: return "filter-" + id;
    }
  }
}
