package io.trajstream.runtime;

import io.trajstream.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code http.*} storage options of {@link HttpStore}, checked once: a bad value or an unknown
 * {@code http.} key is a one-line {@link IllegalArgumentException} naming the option.
 *
 * <ul>
 *   <li>{@code http.timeout-ms} (default 30000): connecting and waiting for a response's headers.
 *   <li>{@code http.read-timeout-ms} (default 30000): a body must deliver its next 64 KiB (or the
 *       rest of what was asked, if less) within this time, so a stalled or trickling body fails
 *       instead of blocking forever; a slow attempt is retried like any other transient failure.
 *   <li>{@code http.retries} (default 3): retries after the first attempt, for connection
 *       failures, time-outs and HTTP 408, 429 and 5xx; 0 for none.
 *   <li>{@code http.max-retry-wait-ms} (default 20000): the longest wait before a retry, whether
 *       from exponential backoff (100 ms doubling, with jitter) or from a server's {@code
 *       Retry-After}.
 * </ul>
 *
 * @param timeout connect and response-header timeout
 * @param readTimeout body progress timeout
 * @param retries retries after the first attempt
 * @param maxRetryWait cap on any wait between attempts
 */
public record HttpStoreOptions(Duration timeout, Duration readTimeout, int retries, Duration maxRetryWait) {
  static final String TIMEOUT = "http.timeout-ms";
  static final String READ_TIMEOUT = "http.read-timeout-ms";
  static final String RETRIES = "http.retries";
  static final String MAX_RETRY_WAIT = "http.max-retry-wait-ms";
  private static final List<String> KEYS = List.of(TIMEOUT, READ_TIMEOUT, RETRIES, MAX_RETRY_WAIT);
  private static final long MAX_MS = 3_600_000L;

  /** Checks the values. */
  public HttpStoreOptions {
    if (timeout.isZero() || timeout.isNegative() || readTimeout.isZero() || readTimeout.isNegative()) {
      throw new IllegalArgumentException("HTTP time-outs must be positive");
    }
    if (retries < 0 || maxRetryWait.isNegative()) {
      throw new IllegalArgumentException("HTTP retries and waits must not be negative");
    }
  }

  /** The defaults: 30 s time-outs, 3 retries, waits of at most 20 s. */
  public static HttpStoreOptions defaults() {
    return new HttpStoreOptions(Duration.ofSeconds(30), Duration.ofSeconds(30), 3, Duration.ofSeconds(20));
  }

  /** The {@code http.*} options of {@code config}, defaults for those not given. */
  public static HttpStoreOptions from(StoreConfig config) {
    for (String key : config.asMap().keySet()) {
      String k = key.toLowerCase(Locale.ROOT);
      if (k.startsWith("http.") && !KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown storage option " + key + " (did you mean " + closest(k) + "?)");
      }
    }
    HttpStoreOptions d = defaults();
    return new HttpStoreOptions(
        Duration.ofMillis(millis(config, TIMEOUT, d.timeout().toMillis(), 1)),
        Duration.ofMillis(millis(config, READ_TIMEOUT, d.readTimeout().toMillis(), 1)),
        (int) bounded(config, RETRIES, d.retries(), 0, 100, "a number of retries from 0 to 100"),
        Duration.ofMillis(millis(config, MAX_RETRY_WAIT, d.maxRetryWait().toMillis(), 0)));
  }

  /** Attempts per request: the first one and the retries. */
  public int attempts() {
    return retries + 1;
  }

  private static long millis(StoreConfig config, String key, long def, long min) {
    return bounded(config, key, def, min, MAX_MS,
        (min > 0 ? "a positive" : "a") + " number of milliseconds up to " + MAX_MS);
  }

  private static long bounded(StoreConfig config, String key, long def, long min, long max, String what) {
    long v = config.getLong(key, def);
    if (v < min || v > max) {
      throw new IllegalArgumentException("storage option " + key + "=" + config.get(key, "") + " must be " + what);
    }
    return v;
  }

  private static String closest(String key) {
    String best = KEYS.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String k : KEYS) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
