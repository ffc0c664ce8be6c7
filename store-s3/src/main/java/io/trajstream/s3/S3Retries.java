package io.trajstream.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Which failed S3 attempts are tried again, replacing the SDK's defaults (which retry every
 * {@link IOException}, certificate failures included, and some 4xx answers such as clock skew).
 *
 * <p>Retried: HTTP 500, 502, 503 and 504; 408 and 429; S3's own "request timeout" ({@code
 * RequestTimeout}, sent as 400); throttling codes ({@code SlowDown} and the like) and an {@code
 * InternalError} outside the 4xx range (S3 sends some errors inside a 200 answer); network failures (connection refused
 * or reset, socket timeouts, a body that broke off, an attempt timeout, a CRC mismatch). Never
 * retried: TLS failures (handshake, certificate, peer verification), any other 4xx, and a body
 * that does not answer the request (a server that ignores {@code Range}). The SDK's exponential
 * back-off with jitter is kept (longer after throttling), as is {@code s3.retry-mode}; a {@code
 * Retry-After} lengthens the wait to what it asks, in seconds or as an HTTP-date ({@link
 * RetryAfterSeconds}).
 */
final class S3Retries {
  private static final Set<Integer> RETRIED_STATUS = Set.of(408, 429, 500, 502, 503, 504);
  private static final Set<String> THROTTLING_CODES =
      Set.of("SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
          "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
          "BandwidthLimitExceeded", "ProvisionedThroughputExceededException");
  private static final Set<String> RETRIED_CODES = Set.of("RequestTimeout", "InternalError", "ServiceUnavailable");

  private S3Retries() {}

  /** The retry strategy for a client: {@code maxAttempts} attempts, adaptive or standard. */
  static RetryStrategy strategy(int maxAttempts, boolean adaptive) {
    if (adaptive) {
      return DefaultRetryStrategy.adaptiveStrategyBuilder()
          .useClientDefaults(false)
          .maxAttempts(maxAttempts)
          .retryOnException(S3Retries::retryable)
          .treatAsThrottling(S3Retries::throttling)
          .build();
    }
    return DefaultRetryStrategy.standardStrategyBuilder()
        .useClientDefaults(false)
        .maxAttempts(maxAttempts)
        .retryOnException(S3Retries::retryable)
        .treatAsThrottling(S3Retries::throttling)
        .build();
  }

  /** Whether an attempt that failed with {@code t} is worth another attempt. */
  static boolean retryable(Throwable t) {
    if (tlsFailure(t) || (has(t, S3Input.RangeMismatch.class) || has(t, io.trajstream.store.HttpReplies.Refused.class))
        && !(t instanceof RetryableException)) {
      return false;
    }
    if (t instanceof SdkServiceException s) {
      int status = s.statusCode();
      String code = errorCode(s);
      if (status >= 400 && status < 500) {
        return status == 408 || status == 429 || "RequestTimeout".equals(code);
      }
      return RETRIED_STATUS.contains(status) || RETRIED_CODES.contains(code) || THROTTLING_CODES.contains(code);
    }
    if (t instanceof RetryableException || t instanceof ApiCallAttemptTimeoutException
        || t instanceof Crc32MismatchException) {
      return true;
    }
    if (t instanceof SdkClientException) {
      return has(t, IOException.class) || has(t, UncheckedIOException.class);
    }
    return false;
  }

  /** Throttling answers: retried after a longer back-off (and slowing the client in adaptive mode). */
  static boolean throttling(Throwable t) {
    if (t instanceof SdkServiceException s) {
      return s.statusCode() == 429 || THROTTLING_CODES.contains(errorCode(s));
    }
    return false;
  }

  /** A TLS handshake, certificate or peer-verification failure anywhere in the causes. */
  static boolean tlsFailure(Throwable t) {
    return has(t, SSLException.class) || has(t, GeneralSecurityException.class);
  }

  /** The service's error code, or "" (a HEAD answer has no body, so no code). */
  private static String errorCode(SdkServiceException s) {
    if (s instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
      return a.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
