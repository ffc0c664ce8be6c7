package io.trajstream.zarrmd;

import io.trajstream.format.Field;
import io.trajstream.format.WriteOptions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The zarrmd writer's options: {@code chunk-frames} or {@code chunk-bytes} (default: 12 MiB chunks,
 * as zarrtraj), {@code compressor} ({@code blosc:lz4:5} default, {@code blosc:zstd:9[:bitshuffle]},
 * {@code zstd:3}, {@code gzip:4}, {@code zlib:4}, {@code lz4}, {@code none}), {@code precision}
 * (decimal digits kept by numcodecs' quantize filter), {@code append}, {@code fields}, {@code
 * group}, {@code author}, {@code creator}.
 */
public record WriterSettings(
    int chunkFrames,
    long chunkBytes,
    Map<String, Object> compressor,
    Integer precision,
    boolean append,
    Set<Field> fields,
    String group,
    String author,
    String creator) {

  /** zarrtraj's chunk target: 12 MiB. */
  public static final long DEFAULT_CHUNK_BYTES = 12L * 1024 * 1024;

  /** Parses writer options; errors name the option. */
  public static WriterSettings parse(WriteOptions o) {
    int frames = o.getInt("chunk-frames", 0);
    long bytes = o.getBytes("chunk-bytes", 0);
    if (frames < 0) {
      throw new IllegalArgumentException("option chunk-frames=" + frames + " must be positive");
    }
    if (frames > 0 && bytes > 0) {
      throw new IllegalArgumentException("give chunk-frames or chunk-bytes, not both");
    }
    Integer precision = o.get("precision").map(v -> {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("option precision=" + v + " is not an integer");
      }
    }).orElse(null);
    if (precision != null && precision < 0) {
      throw new IllegalArgumentException("option precision=" + precision + " must be >= 0");
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
    return new WriterSettings(frames, bytes > 0 ? bytes : DEFAULT_CHUNK_BYTES, compressor(o.get("compressor", "blosc:lz4:5")),
        precision, o.getBoolean("append", false), fields, o.get("group").orElse(null), o.get("author").orElse(null),
        o.get("creator").orElse(null));
  }

  /** Frames per chunk for an element of {@code bytesPerFrame} bytes per frame. */
  public int framesPerChunk(long bytesPerFrame) {
    if (chunkFrames > 0) {
      return chunkFrames;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, chunkBytes / Math.max(1, bytesPerFrame)));
  }

  /** Parses {@code blosc:CNAME:LEVEL[:shuffle|bitshuffle|noshuffle]}, {@code zstd:L}, {@code gzip:L}, {@code zlib:L}, {@code lz4}, {@code none}. */
  public static Map<String, Object> compressor(String spec) {
    String[] p = spec.trim().toLowerCase(Locale.ROOT).split(":");
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      switch (p[0]) {
        case "none", "" -> {
          return null;
        }
        case "blosc" -> {
          String cname = p.length > 1 ? p[1] : "lz4";
          if (!List.of("lz4", "lz4hc", "zstd", "blosclz", "zlib").contains(cname)) {
            throw new IllegalArgumentException("blosc compressor '" + cname + "' is not lz4, lz4hc, zstd, blosclz or zlib");
          }
          m.put("id", "blosc");
          m.put("cname", cname);
          m.put("clevel", p.length > 2 ? Integer.parseInt(p[2]) : 5);
          int shuffle = 1;
          if (p.length > 3) {
            shuffle = switch (p[3]) {
              case "noshuffle", "none", "0" -> 0;
              case "shuffle", "1" -> 1;
              case "bitshuffle", "2" -> 2;
              default -> throw new IllegalArgumentException("blosc shuffle '" + p[3] + "' is not noshuffle, shuffle or bitshuffle");
            };
          }
          m.put("shuffle", shuffle);
          m.put("blocksize", 0);
        }
        case "zstd", "gzip", "zlib" -> {
          m.put("id", p[0]);
          m.put("level", p.length > 1 ? Integer.parseInt(p[1]) : (p[0].equals("zstd") ? 3 : 4));
        }
        case "lz4" -> {
          m.put("id", "lz4");
          m.put("acceleration", p.length > 1 ? Integer.parseInt(p[1]) : 1);
        }
        default -> throw new IllegalArgumentException("unknown compressor '" + spec + "'");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option compressor=" + spec + ": level is not an integer");
    }
    return m;
  }
}
