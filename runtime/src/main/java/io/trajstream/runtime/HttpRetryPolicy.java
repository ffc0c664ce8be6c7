package io.trajstream.runtime;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * Which HTTP failures deserve another attempt and how long to wait before it. Retried: connection
 * failures and resets, time-outs (headers or body), HTTP 408, 429 and 5xx but 501 and 505. Not
 * retried: TLS failures (an untrusted certificate does not heal), unknown hosts, and every other 4xx.
 * Waits grow exponentially from 100 ms with jitter (half fixed, half random), and a server's {@code
 * Retry-After} (seconds or an HTTP date) replaces the backoff; every wait is capped by {@code
 * http.max-retry-wait-ms}.
 */
final class HttpRetryPolicy {
  private static final long BASE_MS = 100;
  private final HttpStoreOptions options;

  HttpRetryPolicy(HttpStoreOptions options) {
    this.options = options;
  }

  int attempts() {
    return options.attempts();
  }

  /** Whether a response with this status is worth another attempt. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  /** Whether a failure to exchange (no usable response) is worth another attempt. */
  static boolean retryable(IOException e) {
    return tlsFailure(e) == null && !unknownHost(e);
  }

  /** The TLS failure behind {@code e}, or null. */
  static SSLException tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  /** Whether {@code e} says the host name could not be resolved. */
  static boolean unknownHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry): the server's {@code
   * retryAfter} when it gave one, else 100 ms × 2^(retry-1) with jitter; never above the cap.
   */
  Duration delayBefore(int retry, Duration retryAfter) {
    long capMs = options.maxRetryWait().toMillis();
    if (retryAfter != null) {
      return Duration.ofMillis(Math.min(retryAfter.toMillis(), capMs));
    }
    long exp = Math.min(BASE_MS << Math.min(retry - 1, 20), capMs);
    long half = exp / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exp - half + 1));
  }

  /**
   * A {@code Retry-After} value: delay-seconds or an HTTP date (from {@code now}); null when absent
   * or unreadable. A date in the past gives zero.
   */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException | ArithmeticException e) {
        return Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
