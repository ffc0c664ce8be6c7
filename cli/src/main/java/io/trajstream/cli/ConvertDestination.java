package io.trajstream.cli;

import io.trajstream.format.Field;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.write.H5mdWriteSettings;
import io.trajstream.store.Store;
import io.trajstream.zarrmd.WriterSettings;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The output format of {@code convert}, chosen by DST's extension: {@code .h5md}, {@code .h5} and
 * {@code .hdf5} write H5MD (one HDF5 file), anything else zarrmd. Knows each format's default
 * compressor, checks options before any I/O and tells whether DST already holds a trajectory.
 */
final class ConvertDestination {
  static final String H5MD = "h5md";
  static final String ZARRMD = "zarrmd";

  private ConvertDestination() {}

  /** {@code h5md} or {@code zarrmd} for the destination URL or path {@code dst}. */
  static String formatOf(String dst) {
    String d = dst.toLowerCase(Locale.ROOT);
    while (d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.endsWith(".h5md") || d.endsWith(".h5") || d.endsWith(".hdf5") ? H5MD : ZARRMD;
  }

  /** The compressor used when none is given: gzip for H5MD, blosc for zarrmd. */
  static String defaultCompressor(String format) {
    return H5MD.equals(format) ? H5mdWriteSettings.DEFAULT_COMPRESSOR : "blosc:lz4:5";
  }

  /** Checks a compressor for {@code format}; the error lists what the format takes. */
  static void checkCompressor(String format, String spec) {
    try {
      if (H5MD.equals(format)) {
        H5mdWriteSettings.compressor(spec);
      } else {
        WriterSettings.compressor(spec);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--compressor " + spec + ": " + e.getMessage() + (H5MD.equals(format)
          ? " (H5MD takes gzip:1..9, gzip:4:shuffle or none)"
          : " (expected blosc:lz4:5, blosc:zstd:9, zstd:3, gzip:4, zlib:4, lz4 or none)"));
    }
  }

  /** Parses all writer options for {@code format} (errors before any I/O); returns the fields asked for. */
  static Set<Field> fields(String format, WriteOptions options) {
    return H5MD.equals(format) ? H5mdWriteSettings.parse(options).fields() : WriterSettings.parse(options).fields();
  }

  /** Whether {@code key} of {@code store} already holds a trajectory of {@code format}. */
  static boolean exists(String format, Store store, String key) throws IOException {
    if (H5MD.equals(format)) {
      return store.exists(key);
    }
    String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
    return store.exists(prefix + ".zgroup") || store.exists(prefix + ".zmetadata");
  }
}
