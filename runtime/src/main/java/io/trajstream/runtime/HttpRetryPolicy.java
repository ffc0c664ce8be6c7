package io.trajstream.runtime;

import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * {@link HttpStore}'s use of the stores' shared HTTP rules ({@link HttpReplies}, {@link Backoff}):
 * retried are connection failures and resets, time-outs (headers or body), HTTP 408, 429 and 5xx
 * but 501 and 505; not retried are TLS failures, unknown hosts and every other 4xx. Waits grow
 * exponentially from 100 ms with jitter, a server's {@code Retry-After} (seconds or an HTTP date)
 * replaces the backoff, and every wait is capped by {@code http.max-retry-wait-ms}.
 */
final class HttpRetryPolicy {
  private static final Duration BASE = Duration.ofMillis(100);
  private final HttpStoreOptions options;
  private final Backoff backoff;

  HttpRetryPolicy(HttpStoreOptions options) {
    this.options = options;
    this.backoff = new Backoff(BASE, options.maxRetryWait());
  }

  int attempts() {
    return options.attempts();
  }

  /** Whether a response with this status is worth another attempt. */
  static boolean retryableStatus(int status) {
    return HttpReplies.retryableStatus(status);
  }

  /** Whether a failure to exchange (no usable response) is worth another attempt. */
  static boolean retryable(IOException e) {
    return !HttpReplies.tlsFailure(e) && !HttpReplies.unknownHost(e);
  }

  /** The TLS failure behind {@code e}, or null. */
  static SSLException tlsFailure(Throwable e) {
    return HttpReplies.cause(e, SSLException.class);
  }

  /** Whether {@code e} says the host name could not be resolved. */
  static boolean unknownHost(Throwable e) {
    return HttpReplies.unknownHost(e);
  }

  /** The wait before retry number {@code retry} (1 for the first retry); see {@link Backoff}. */
  Duration delayBefore(int retry, Duration retryAfter) {
    return backoff.before(retry, retryAfter);
  }

  /** A {@code Retry-After} value from {@code now}; see {@link HttpReplies#retryAfter}. */
  static Duration parseRetryAfter(String value, Instant now) {
    return HttpReplies.retryAfter(value, now);
  }
}
