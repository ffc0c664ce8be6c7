package io.trajstream.store;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options for opening a store, as {@code key=value} strings (e.g. {@code s3.endpoint}). Typed
 * getters name the bad key on a parse error. Values of secret keys (anything holding "secret",
 * "password", "token", "sas", "credential", "connection-string" or "access-key") are masked by
 * {@link #toString()} and {@link #describe()}, so a config can be logged safely.
 */
public final class StoreConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] SECRET_MARKERS = {
    "secret", "password", "token", "sas", "credential", "connection-string", "access-key", "account-key"
  };
  private static final StoreConfig EMPTY = new StoreConfig(Map.of());

  private final TreeMap<String, String> values;

  private StoreConfig(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  public static StoreConfig empty() {
    return EMPTY;
  }

  public static StoreConfig of(Map<String, String> values) {
    return new StoreConfig(values);
  }

  /** Parses {@code key=value} strings, as given on the command line. */
  public static StoreConfig parse(Iterable<String> pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("storage option '" + maskPair(p) + "' is not key=value");
      }
      m.put(p.substring(0, eq).trim(), p.substring(eq + 1));
    }
    return new StoreConfig(m);
  }

  /** A copy with one more (or a replaced) value. */
  public StoreConfig with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key, value);
    return new StoreConfig(m);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "1": case "on":
        return true;
      case "false": case "no": case "0": case "off":
        return false;
      default:
        throw new IllegalArgumentException("storage option " + key + "=" + v + " is not a boolean");
    }
  }

  public int getInt(String key, int defaultValue) {
    return (int) getLong(key, defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("storage option " + key + "=" + v + " is not an integer");
    }
  }

  /** All values, unmasked; for backends only. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** Whether {@code key} holds a secret whose value must never be printed. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String marker : SECRET_MARKERS) {
      if (k.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** The options with secret values replaced by {@code ****}. */
  public Map<String, String> describe() {
    Map<String, String> m = new TreeMap<>();
    values.forEach((k, v) -> m.put(k, isSecret(k) ? "****" : v));
    return m;
  }

  private static String maskPair(String pair) {
    int eq = pair.indexOf('=');
    return eq > 0 && isSecret(pair.substring(0, eq)) ? pair.substring(0, eq) + "=****" : pair;
  }

  @Override
  public String toString() {
    return "StoreConfig" + describe();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreConfig c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
