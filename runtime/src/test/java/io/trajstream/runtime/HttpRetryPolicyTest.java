package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which failures are retried and how long each wait is. */
class HttpRetryPolicyTest {
  private final HttpRetryPolicy policy = new HttpRetryPolicy(
      new HttpStoreOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofMillis(1000)));

  @Test
  void statusesWorthAnotherAttempt() {
    for (int s : new int[] {408, 429, 500, 502, 503, 504}) {
      assertTrue(HttpRetryPolicy.retryableStatus(s), "" + s);
    }
    for (int s : new int[] {400, 401, 403, 404, 412, 416, 501, 505}) {
      assertFalse(HttpRetryPolicy.retryableStatus(s), "" + s);
    }
  }

  @Test
  void tlsFailuresAndUnknownHostsAreNotRetried() {
    assertFalse(HttpRetryPolicy.retryable(new SSLHandshakeException("PKIX path building failed")));
    assertFalse(HttpRetryPolicy.retryable(new IOException("wrapped", new SSLHandshakeException("bad certificate"))));
    ConnectException unresolved = new ConnectException("cannot connect");
    unresolved.initCause(new UnknownHostException("no-such-host.invalid"));
    assertFalse(HttpRetryPolicy.retryable(unresolved));
    assertTrue(HttpRetryPolicy.retryable(new ConnectException("Connection refused")));
    assertTrue(HttpRetryPolicy.retryable(new IOException("connection reset")));
  }

  @Test
  void backoffGrowsWithJitterAndIsCapped() {
    for (int retry = 1; retry <= 8; retry++) {
      long exp = Math.min(100L << (retry - 1), 1000);
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (int i = 0; i < 50; i++) {
        long d = policy.delayBefore(retry, null).toMillis();
        assertTrue(d >= exp / 2 && d <= exp, "retry " + retry + ": " + d + " ms");
        seen.add(d);
      }
      // jitter: clients that failed together do not retry together (50 draws from at least 50 values)
      assertTrue(seen.size() >= 10, "retry " + retry + ": only " + seen + " ms drawn in 50 tries");
    }
    assertEquals(Duration.ofMillis(300), policy.delayBefore(1, Duration.ofMillis(300)), "Retry-After replaces the backoff");
    assertEquals(Duration.ofMillis(1000), policy.delayBefore(1, Duration.ofHours(1)), "and is capped");
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    assertEquals(Duration.ofSeconds(7), HttpRetryPolicy.parseRetryAfter(" 7 ", now));
    assertEquals(Duration.ofSeconds(90), HttpRetryPolicy.parseRetryAfter("Mon, 01 Jan 2024 00:01:30 GMT", now));
    assertEquals(Duration.ZERO, HttpRetryPolicy.parseRetryAfter("Sun, 31 Dec 2023 23:00:00 GMT", now));
    assertTrue(HttpRetryPolicy.parseRetryAfter("99999999999999999999999", now).toDays() > 1000);
    assertNull(HttpRetryPolicy.parseRetryAfter("soon", now));
    assertNull(HttpRetryPolicy.parseRetryAfter(null, now));
  }
}
