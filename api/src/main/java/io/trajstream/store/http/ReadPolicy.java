package io.trajstream.store.http;

import io.trajstream.store.Backoff;
import java.time.Duration;

/**
 * How persistent and how patient {@link ObjectReads} is, and the store's option names its messages
 * point to.
 *
 * @param maxAttempts requests per read, the first included
 * @param bodyRetries how many of the retries may be for a body that broke off, stalled or ended
 *     early (a store's "download resumes"); {@code maxAttempts - 1} or more: no separate limit
 * @param readTimeout the longest wait for response headers and for progress of a body
 * @param backoff the waits between attempts (a {@code Retry-After} replaces one, within its cap)
 * @param readTimeoutOption the option setting {@code readTimeout}, e.g. {@code s3.read-timeout-ms}
 * @param unknownHostAdvice what to check when the host does not resolve, e.g. {@code s3.endpoint,
 *     s3.region and the network}
 */
public record ReadPolicy(int maxAttempts, int bodyRetries, Duration readTimeout, Backoff backoff,
    String readTimeoutOption, String unknownHostAdvice) {
  /** Checks the numbers. */
  public ReadPolicy {
    if (maxAttempts < 1 || bodyRetries < 0) {
      throw new IllegalArgumentException("attempts " + maxAttempts + ", body retries " + bodyRetries);
    }
  }
}
