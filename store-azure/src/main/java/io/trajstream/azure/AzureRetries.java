package io.trajstream.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * The store's retry rule for every Azure request, replacing the SDK's storage retry policy (which
 * retries every I/O failure, TLS failures included, and ignores {@code Retry-After}): retried are
 * I/O failures and time-outs but TLS failures, unknown hosts and refused answers ({@link
 * HttpReplies}), and HTTP 408, 429 and 5xx but 501 and 505; every other status is final. Waits are
 * {@link Backoff}'s, from {@code azure.retry-delay-ms} up to {@code azure.max-retry-delay-ms}, and a
 * server's {@code x-ms-retry-after-ms}, {@code retry-after-ms} or {@code Retry-After} replaces the
 * computed wait (within the same cap). At most {@code azure.max-tries} tries; each try is still
 * bounded by the SDK's per-try timeout, which then runs one try per call.
 */
final class AzureRetries implements HttpPipelinePolicy {
  private final int maxTries;
  private final Backoff backoff;

  AzureRetries(int maxTries, Duration retryDelay, Duration maxRetryDelay) {
    this.maxTries = maxTries;
    this.backoff = new Backoff(retryDelay, maxRetryDelay);
  }

  int maxTries() {
    return maxTries;
  }

  Backoff backoff() {
    return backoff;
  }

  /** Before the SDK's own (single-try) retry policy, so that each of our tries is one of its calls. */
  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_CALL;
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    replayable(context);
    for (int tries = 1; ; tries++) {
      HttpResponse response;
      try {
        response = next.clone().processSync();
      } catch (RuntimeException e) {
        if (tries >= maxTries || !retryable(e)) {
          throw e;
        }
        sleep(backoff.before(tries, null));
        continue;
      }
      if (tries >= maxTries || !HttpReplies.retryableStatus(response.getStatusCode())) {
        return response;
      }
      Duration wait = backoff.before(tries, retryAfter(response));
      response.close();
      sleep(wait);
    }
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    if (maxTries > 1) {
      BinaryData body = context.getHttpRequest().getBodyAsBinaryData();
      if (body != null && !body.isReplayable()) {
        return body.toReplayableBinaryDataAsync().flatMap(b -> {
          context.getHttpRequest().setBody(b);
          return attempt(next, 1);
        });
      }
    }
    return attempt(next, 1);
  }

  private Mono<HttpResponse> attempt(HttpPipelineNextPolicy next, int tries) {
    return next.clone().process()
        .map(Try::answered)
        .onErrorResume(e -> Mono.just(Try.failed(e)))
        .flatMap(t -> {
          if (t.failure != null) {
            if (tries >= maxTries || !retryable(t.failure)) {
              return Mono.error(t.failure);
            }
            return Mono.delay(backoff.before(tries, null)).then(Mono.defer(() -> attempt(next, tries + 1)));
          }
          if (tries >= maxTries || !HttpReplies.retryableStatus(t.response.getStatusCode())) {
            return Mono.just(t.response);
          }
          Duration wait = backoff.before(tries, retryAfter(t.response));
          t.response.close();
          return Mono.delay(wait).then(Mono.defer(() -> attempt(next, tries + 1)));
        });
  }

  /** A request body that a second try can send again (an upload's stream is read into memory once). */
  private void replayable(HttpPipelineCallContext context) {
    BinaryData body = context.getHttpRequest().getBodyAsBinaryData();
    if (maxTries > 1 && body != null && !body.isReplayable()) {
      context.getHttpRequest().setBody(body.toReplayableBinaryData());
    }
  }

  /** One try's outcome: a response or a failure. */
  private record Try(HttpResponse response, Throwable failure) {
    static Try answered(HttpResponse r) {
      return new Try(r, null);
    }

    static Try failed(Throwable e) {
      return new Try(null, e);
    }
  }

  /** An I/O failure or time-out that is not final by {@link HttpReplies#retryableFailure}. */
  static boolean retryable(Throwable e) {
    if (HttpReplies.cause(e, InterruptedIOException.class) != null && HttpReplies.cause(e, java.net.SocketTimeoutException.class) == null) {
      return false;
    }
    boolean transientKind = HttpReplies.cause(e, IOException.class) != null
        || HttpReplies.cause(e, UncheckedIOException.class) != null
        || HttpReplies.cause(e, TimeoutException.class) != null;
    return transientKind && HttpReplies.retryableFailure(e);
  }

  /** The server's requested wait, from the headers Azure services send, or null. */
  static Duration retryAfter(HttpResponse response) {
    for (String name : new String[] {"x-ms-retry-after-ms", "retry-after-ms"}) {
      String ms = response.getHeaderValue(HttpHeaderName.fromString(name));
      if (ms != null && !ms.isBlank() && ms.trim().chars().allMatch(Character::isDigit) && ms.trim().length() < 13) {
        return Duration.ofMillis(Long.parseLong(ms.trim()));
      }
    }
    return HttpReplies.retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER), Instant.now());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting to retry"));
    }
  }
}
