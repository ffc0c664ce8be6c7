package io.trajstream.format;

import io.trajstream.Secrets;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * String options with typed getters that name the bad key; base of read and write options.
 * {@link #toString()} masks secret values.
 */
public abstract class Options implements Serializable {
  private static final long serialVersionUID = 1L;
  private final TreeMap<String, String> values;

  protected Options(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + "=" + Secrets.shown(key, v) + " is not an integer");
    }
  }

  public long getBytes(String key, long defaultValue) {
    String v = values.get(key);
    return v == null ? defaultValue : parseBytes(key, v);
  }

  /**
   * Parses a byte size: {@code 12MiB}, {@code 100MB}, {@code 4k}, {@code 1.5g}, {@code 1024} (K, M
   * and G are powers of 1024). Negative, overflowing or malformed values are
   * errors naming {@code key}.
   */
  public static long parseBytes(String key, String v) {
    String s = v.trim().toUpperCase(java.util.Locale.ROOT).replace("IB", "").replace("B", "");
    long mult = 1;
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'K': mult = 1L << 10; break;
        case 'M': mult = 1L << 20; break;
        case 'G': mult = 1L << 30; break;
        case 'T': mult = 1L << 40; break;
        default: mult = 1;
      }
    }
    if (mult != 1) {
      s = s.substring(0, s.length() - 1);
    }
    double d;
    try {
      d = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + "=" + Secrets.shown(key, v) + " is not a byte size (e.g. 4096, 64k, 16MiB, 2g)");
    }
    double bytes = d * mult;
    if (!(bytes >= 0) || bytes >= 0x1p63) {
      throw new IllegalArgumentException("option " + key + "=" + Secrets.shown(key, v) + " is not a byte size between 0 and 2^63");
    }
    return Math.round(bytes);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    return v == null ? defaultValue : Boolean.parseBoolean(v.trim());
  }

  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  protected Map<String, String> copyWith(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key, value);
    return m;
  }

  /** The options, with the values of secret ones ({@link Secrets#isSecret}) shown as {@code ****}. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((k, v) -> shown.put(k, Secrets.shown(k, v)));
    return getClass().getSimpleName() + shown;
  }
}
