package io.trajstream.benchmarks;

import java.util.Locale;

/**
 * The compressors the benchmarks sweep, with the writer option each one means for zarrmd (our
 * writer) and for H5MD (the Python generator). Levels are the common defaults: gzip 4, Blosc lz4 5,
 * Blosc zstd 3, all Blosc with byte shuffle.
 */
public enum Compression {
  NONE("none", "none"),
  GZIP("gzip", "gzip:4"),
  BLOSC_LZ4("blosc-lz4", "blosc:lz4:5:shuffle"),
  BLOSC_ZSTD("blosc-zstd", "blosc:zstd:3:shuffle");

  private final String label;
  private final String zarrmdSpec;

  Compression(String label, String zarrmdSpec) {
    this.label = label;
    this.zarrmdSpec = zarrmdSpec;
  }

  /** The name used in parameters, file names and reports ({@code blosc-lz4}). */
  public String label() {
    return label;
  }

  /** The {@code compressor} writer option for zarrmd. */
  public String zarrmdSpec() {
    return zarrmdSpec;
  }

  /** Parses a label such as {@code gzip} or {@code blosc-zstd}. */
  public static Compression parse(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c.label.equals(l)) {
        return c;
      }
    }
    throw new IllegalArgumentException("compressor '" + label + "' is not one of none, gzip, blosc-lz4, blosc-zstd");
  }
}
