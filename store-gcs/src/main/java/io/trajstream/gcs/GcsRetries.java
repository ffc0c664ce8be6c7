package io.trajstream.gcs;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.retrying.ResultRetryAlgorithm;
import com.google.api.gax.retrying.TimedAttemptSettings;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.StorageRetryStrategy;
import io.trajstream.store.HttpReplies;
import java.util.concurrent.CancellationException;

/**
 * Which failed GCS calls are tried again: the client's default strategy (idempotent calls only,
 * its exponential back-off with jitter), narrowed to {@link HttpReplies}' rule — never a TLS
 * failure, an unknown host, a refused answer, or a 4xx other than 408 and 429. (A {@code
 * Retry-After} is not honoured yet: the client's back-off decides the wait.)
 */
final class GcsRetries {
  private GcsRetries() {}

  /** The strategy for a client. */
  static StorageRetryStrategy strategy() {
    return new Strategy(StorageRetryStrategy.getDefaultStorageRetryStrategy());
  }

  private record Strategy(StorageRetryStrategy base) implements StorageRetryStrategy {
    private static final long serialVersionUID = 1L;

    @Override
    public ResultRetryAlgorithm<?> getIdempotentHandler() {
      return new Narrowed<>(base.getIdempotentHandler());
    }

    @Override
    public ResultRetryAlgorithm<?> getNonidempotentHandler() {
      return new Narrowed<>(base.getNonidempotentHandler());
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

  private record Narrowed<T>(ResultRetryAlgorithm<T> base) implements ResultRetryAlgorithm<T> {
    @Override
    public TimedAttemptSettings createNextAttempt(Throwable t, T response, TimedAttemptSettings previous) {
      return base.createNextAttempt(t, response, previous);
    }

    @Override
    public boolean shouldRetry(Throwable t, T response) throws CancellationException {
      if (t != null && !mayRetry(t)) {
        return false;
      }
      return base.shouldRetry(t, response);
    }
  }
}
