package io.trajstream.benchmarks;

import io.trajstream.format.Options;
import io.trajstream.format.ReadOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A value of the {@code part-size} read option to measure: a byte size such as {@code 8MB} (sizes
 * as the read option parses them, K/M/G powers of 1024), {@code none} (never split a request) or
 * {@code auto} (the store's own choice: the option left out).
 *
 * @param label as the user wrote it, for tables and for the flag to recommend
 * @param bytes the part size in bytes; -1 for {@code none}, 0 for {@code auto}
 */
public record PartSize(String label, long bytes) {
  public static final PartSize AUTO = new PartSize("auto", 0);
  public static final PartSize NONE = new PartSize("none", -1);

  /** Parses one value; a bad one is an error naming it. */
  public static PartSize parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("none")) {
      return NONE;
    }
    if (t.equalsIgnoreCase("auto")) {
      return AUTO;
    }
    long b = Options.parseBytes("part-size", t);
    if (b == 0) {
      return AUTO;
    }
    return new PartSize(t, b);
  }

  /** Parses a comma-separated list such as {@code 2MB,8MB,none}. */
  public static List<PartSize> parseList(String text) {
    List<PartSize> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(parse(s));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no part size in '" + text + "'");
    }
    return out;
  }

  /** {@code base} with this part size ({@code auto}: without the option). */
  public ReadOptions applyTo(ReadOptions base) {
    return bytes == 0 ? base : base.with("part-size", bytes < 0 ? "none" : label);
  }

  /** The command-line flag that selects this part size; empty for {@code auto} (the default). */
  public String flag() {
    return bytes == 0 ? "" : "--part-size " + label;
  }

  /** Sorts larger parts (fewer requests) first: {@code none}, then by size, then {@code auto}. */
  long requestsOrder() {
    return bytes < 0 ? Long.MIN_VALUE : bytes == 0 ? Long.MAX_VALUE : -bytes;
  }
}
