package io.trajstream.s3;

import io.trajstream.store.HttpReplies;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Lets the SDK's retries wait as long as a {@code Retry-After} given as an HTTP-date asks: the SDK
 * reads the header only as a number of seconds, so a date is rewritten into the seconds left until
 * it (rounded up), read as the direct path reads it ({@link HttpReplies#retryAfter}). A header in
 * seconds, or one that is neither, is left as it came.
 */
final class RetryAfterSeconds implements ExecutionInterceptor {
  private static final String HEADER = "Retry-After";

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    SdkHttpResponse response = context.httpResponse();
    Optional<String> value = response.firstMatchingHeader(HEADER);
    if (value.isEmpty() || value.get().trim().chars().allMatch(Character::isDigit)) {
      return response;
    }
    Duration wait = HttpReplies.retryAfter(value.get(), Instant.now());
    if (wait == null) {
      return response;
    }
    long seconds = (wait.toMillis() + 999) / 1000;
    return response.toBuilder().removeHeader(HEADER).putHeader(HEADER, String.valueOf(seconds)).build();
  }
}
