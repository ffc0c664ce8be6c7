package io.trajstream.benchmarks;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses bandwidths such as {@code 100MB} (per second; decimal: 10^6 bytes), {@code 1.5GB},
 * {@code 50MiB} (binary) or {@code 250000} (bytes). {@code 0} or {@code none} means unlimited.
 */
public final class ByteRate {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]i?)?b?(?:/s)?");

  private ByteRate() {}

  /** Bytes per second; 0 for unlimited. */
  public static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("none") || t.equals("unlimited")) {
      return 0;
    }
    Matcher m = RATE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("bandwidth '" + text + "' is not like 100MB, 50MiB or 250000");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    double mult = switch (unit) {
      case "k" -> 1e3;
      case "m" -> 1e6;
      case "g" -> 1e9;
      case "ki" -> 1024.0;
      case "mi" -> 1024.0 * 1024;
      case "gi" -> 1024.0 * 1024 * 1024;
      default -> 1;
    };
    return Math.round(v * mult);
  }
}
