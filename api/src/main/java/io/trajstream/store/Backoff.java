package io.trajstream.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long an HTTP-based store waits before another attempt: {@code base} × 2^(retry−1) with
 * jitter (half fixed, half random), or the server's {@code Retry-After} when it gave one; every wait
 * capped at {@code cap}, so a server cannot park a read for longer than the caller allows. One rule
 * for every store, whatever SDK sends the requests.
 *
 * @param base the first retry's nominal wait
 * @param cap the longest wait, {@code Retry-After} included
 */
@io.trajstream.Experimental
public record Backoff(Duration base, Duration cap) {
  public Backoff {
    if (base.isNegative() || cap.isNegative()) {
      throw new IllegalArgumentException("negative back-off " + base + " / " + cap);
    }
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry): {@code retryAfter} when not
   * null, else the jittered exponential wait; never above the cap.
   */
  public Duration before(int retry, Duration retryAfter) {
    long capMs = cap.toMillis();
    if (retryAfter != null) {
      return Duration.ofMillis(Math.min(Math.max(0, retryAfter.toMillis()), capMs));
    }
    long baseMs = base.toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long exp = baseMs > (Long.MAX_VALUE >> shift) ? capMs : Math.min(baseMs << shift, capMs);
    long half = exp / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exp - half + 1));
  }
}
