package io.trajstream.store;

import io.trajstream.Secrets;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Options for opening a store, as {@code key=value} strings (e.g. {@code s3.endpoint}). Typed
 * getters name the bad key on a parse error. Values of secret keys (any key holding "key",
 * "secret", "token", "sas", "password", "credential" or "signature", see {@link Secrets}) are
 * masked by {@link #toString()}, {@link #describe()} and every error message, so a config can be
 * logged safely. Which keys exist is declared by the store factories ({@link
 * StoreFactory#optionNames()}); {@link #requireKnown} refuses the others.
 */
public final class StoreConfig implements Serializable {
  private static final long serialVersionUID = 1L;
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
        throw new IllegalArgumentException("storage option '" + Secrets.shownEntry(p) + "' is not key=value");
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
        throw new IllegalArgumentException("storage option " + key + "=" + Secrets.shown(key, v) + " is not a boolean");
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
      throw new IllegalArgumentException("storage option " + key + "=" + Secrets.shown(key, v) + " is not an integer");
    }
  }

  /** All values, unmasked; for backends only. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** Whether {@code key} holds a secret whose value must never be printed ({@link Secrets#isSecret}). */
  public static boolean isSecret(String key) {
    return Secrets.isSecret(key);
  }

  /** The options with secret values replaced by {@code ****}. */
  public Map<String, String> describe() {
    Map<String, String> m = new TreeMap<>();
    values.forEach((k, v) -> m.put(k, Secrets.shown(k, v)));
    return m;
  }

  /** Whether no option is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Refuses a key that is not in {@code known} (the names the store factories declare) with a
   * one-line error naming the closest known key, e.g. "unknown storage option 'azure.accountkey';
   * did you mean 'azure.account-key'?".
   */
  public void requireKnown(Collection<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        String closest = closest(key, known);
        throw new IllegalArgumentException("unknown storage option '" + key + "'"
            + (closest == null ? " (no store installed takes options)" : "; did you mean '" + closest + "'?"));
      }
    }
  }

  /** The known key nearest to {@code key} by edit distance (ignoring case); ties go to the first in order. */
  static String closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String k = key.toLowerCase(Locale.ROOT);
    for (String candidate : new TreeSet<>(known)) {
      int d = editDistance(k, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
