package io.trajstream.h5md.write;

import io.trajstream.format.Field;
import io.trajstream.format.WriteOptions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The H5MD writer's options: {@code chunk-frames} or {@code chunk-bytes} (default: chunks of about
 * 1 MiB, which fit HDF5's default chunk cache, so that h5py and MDAnalysis reading frame by frame
 * decompress each chunk once), {@code compressor} ({@code gzip:L} with L 1–9, default {@code
 * gzip:4}; {@code gzip:L:shuffle} adds HDF5's shuffle filter; {@code zlib:L} is the same as gzip;
 * {@code none}), {@code shuffle} ({@code true} adds shuffle too), {@code fields}, {@code group},
 * {@code author}, {@code creator}. Option {@code append} is refused: an H5MD file is written whole.
 */
public record H5mdWriteSettings(int chunkFrames, long chunkBytes, HdfFilters filters, Set<Field> fields, String group,
    String author, String creator) {

  /** Default chunk target: HDF5's default chunk cache size. */
  public static final long DEFAULT_CHUNK_BYTES = 1L << 20;

  /** The compressor when none is given. */
  public static final String DEFAULT_COMPRESSOR = "gzip:4";

  /** Parses writer options; errors name the option. */
  public static H5mdWriteSettings parse(WriteOptions o) {
    if (o.getBoolean("append", false)) {
      throw new IllegalArgumentException("h5md: appending to an existing H5MD file is not supported; write a new file"
          + " (or convert to zarrmd, which can be appended to)");
    }
    int frames = o.getInt("chunk-frames", 0);
    long bytes = o.getBytes("chunk-bytes", 0);
    if (frames < 0) {
      throw new IllegalArgumentException("option chunk-frames=" + frames + " must be positive");
    }
    if (frames > 0 && bytes > 0) {
      throw new IllegalArgumentException("give chunk-frames or chunk-bytes, not both");
    }
    if (o.get("precision").isPresent()) {
      throw new IllegalArgumentException("option precision: the h5md writer stores values as they are (no quantize filter)");
    }
    HdfFilters filters = compressor(o.get("compressor", DEFAULT_COMPRESSOR));
    if (o.getBoolean("shuffle", false)) {
      filters = new HdfFilters(filters.deflateLevel(), true);
    }
    Set<Field> fields = EnumSet.allOf(Field.class);
    String fs = o.get("fields", "").trim();
    if (!fs.isEmpty() && !fs.equals("all")) {
      fields = EnumSet.noneOf(Field.class);
      for (String f : fs.split(",")) {
        if (!f.isBlank()) {
          fields.add(Field.parse(f));
        }
      }
    }
    return new H5mdWriteSettings(frames, bytes > 0 ? bytes : DEFAULT_CHUNK_BYTES, filters, fields,
        o.get("group").orElse(null), o.get("author").orElse(null), o.get("creator").orElse(null));
  }

  /** Parses {@code gzip:L[:shuffle]}, {@code zlib:L[:shuffle]}, {@code none}; other compressors are errors. */
  public static HdfFilters compressor(String spec) {
    String[] p = spec.trim().toLowerCase(Locale.ROOT).split(":");
    switch (p[0]) {
      case "none", "" -> {
        if (p.length > 1) {
          throw new IllegalArgumentException("compressor '" + spec + "': none takes no level");
        }
        return HdfFilters.NONE;
      }
      case "gzip", "zlib", "deflate" -> {
        int level = 4;
        if (p.length > 1) {
          try {
            level = Integer.parseInt(p[1]);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("compressor '" + spec + "': level '" + p[1] + "' is not an integer");
          }
          if (level < 1 || level > 9) {
            throw new IllegalArgumentException("compressor '" + spec + "': gzip level must be 1 to 9");
          }
        }
        boolean shuffle = false;
        if (p.length > 2) {
          shuffle = switch (p[2]) {
            case "shuffle" -> true;
            case "noshuffle" -> false;
            default -> throw new IllegalArgumentException("compressor '" + spec + "': '" + p[2] + "' is not shuffle or noshuffle");
          };
        }
        if (p.length > 3) {
          throw new IllegalArgumentException("compressor '" + spec + "' has too many parts (gzip:LEVEL[:shuffle])");
        }
        return new HdfFilters(level, shuffle);
      }
      default -> throw new IllegalArgumentException("compressor '" + spec + "' is not available for h5md (use gzip:1..9,"
          + " gzip:4:shuffle or none; blosc, zstd and lz4 are zarrmd compressors)");
    }
  }

  /** Frames per chunk for an element of {@code bytesPerFrame} bytes per frame. */
  public int framesPerChunk(long bytesPerFrame) {
    long perFrame = Math.max(1, bytesPerFrame);
    long max = Math.max(1, (Integer.MAX_VALUE - 64L) / perFrame);
    if (chunkFrames > 0) {
      if (chunkFrames > max) {
        throw new IllegalArgumentException("chunk-frames=" + chunkFrames + " makes chunks of "
            + (chunkFrames * perFrame) + " bytes; at most " + max + " frames of " + perFrame + " bytes fit in a chunk (2 GiB)");
      }
      return chunkFrames;
    }
    return (int) Math.max(1, Math.min(max, chunkBytes / perFrame));
  }
}
