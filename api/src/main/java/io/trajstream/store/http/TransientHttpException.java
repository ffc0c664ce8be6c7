package io.trajstream.store.http;

import java.io.IOException;
import java.time.Duration;

/**
 * A failure of one HTTP exchange worth another attempt, in our own words: a 408, 429 or 5xx answer
 * (with the server's {@code Retry-After}, if any), a body cut short or too slow.
 */
public class TransientHttpException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Duration retryAfter;

  /** A failure without a server-given delay. */
  public TransientHttpException(String message) {
    this(message, null);
  }

  /** A failure after which the server asked to wait {@code retryAfter} (null: it did not say). */
  public TransientHttpException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
