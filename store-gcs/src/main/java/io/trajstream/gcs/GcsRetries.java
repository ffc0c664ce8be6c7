package io.trajstream.gcs;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.retrying.ResultRetryAlgorithm;
import com.google.api.gax.retrying.TimedAttemptSettings;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.StorageRetryStrategy;
import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;

/**
 * Which failed GCS calls are tried again, and when: the client's default strategy (idempotent
 * calls only, its exponential back-off with jitter), narrowed to {@link HttpReplies}' rule — never
 * a TLS failure, an unknown host, a refused answer, or a 4xx other than 408 and 429 — and a
 * server's {@code Retry-After} waited before the retry (capped by {@code gcs.retry-max-delay-ms}
 * like every other wait).
 */
final class GcsRetries {
  private GcsRetries() {}

  /** The strategy for a client whose longest wait is {@code maxDelay}. */
  static StorageRetryStrategy strategy(Duration maxDelay) {
    return new Strategy(StorageRetryStrategy.getDefaultStorageRetryStrategy(), maxDelay);
  }

  private record Strategy(StorageRetryStrategy base, Duration maxDelay) implements StorageRetryStrategy {
    private static final long serialVersionUID = 1L;

    @Override
    public ResultRetryAlgorithm<?> getIdempotentHandler() {
      return new Narrowed<>(base.getIdempotentHandler(), maxDelay);
    }

    @Override
    public ResultRetryAlgorithm<?> getNonidempotentHandler() {
      return new Narrowed<>(base.getNonidempotentHandler(), maxDelay);
    }
  }

  /** Whether a failure may be retried at all (the client's own rule decides among those that may). */
  static boolean mayRetry(Throwable t) {
    if (!HttpReplies.retryableFailure(t)) {
      return false;
    }
    BaseServiceException gcs = HttpReplies.cause(t, BaseServiceException.class);
    int code = gcs == null ? 0 : gcs.getCode();
    if (code == 0) {
      HttpResponseException h = HttpReplies.cause(t, HttpResponseException.class);
      code = h == null ? 0 : h.getStatusCode();
    }
    return code < 400 || HttpReplies.retryableStatus(code);
  }

  /** The wait a failed answer's {@code Retry-After} asks for, or null. */
  static Duration retryAfter(Throwable t) {
    HttpResponseException h = HttpReplies.cause(t, HttpResponseException.class);
    if (h == null || h.getHeaders() == null) {
      return null;
    }
    return HttpReplies.retryAfter(h.getHeaders().getFirstHeaderStringValue("Retry-After"), Instant.now());
  }

  /**
   * Waits as the server asked, on the thread that decides to retry: the client's retrier adds its
   * own (short) back-off after this and offers no other hook for a server's wait.
   */
  private static void waitFor(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to retry");
    }
  }

  private record Narrowed<T>(ResultRetryAlgorithm<T> base, Duration maxDelay) implements ResultRetryAlgorithm<T> {
    @Override
    public TimedAttemptSettings createNextAttempt(Throwable t, T response, TimedAttemptSettings previous) {
      return base.createNextAttempt(t, response, previous);
    }

    @Override
    public boolean shouldRetry(Throwable t, T response) throws CancellationException {
      if (t != null && !mayRetry(t)) {
        return false;
      }
      boolean retry = base.shouldRetry(t, response);
      Duration after = retry && t != null ? retryAfter(t) : null;
      if (after != null) {
        waitFor(new Backoff(Duration.ZERO, maxDelay).before(1, after));
      }
      return retry;
    }
  }
}
