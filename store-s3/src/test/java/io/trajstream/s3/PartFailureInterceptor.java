package io.trajstream.s3;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Test hook loaded by every S3 client of this module's tests (a global SDK interceptor, listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); inert until a test arms
 * it. Armed, it fails the upload of one part number before it is sent (a non-retryable client
 * error) and remembers that upload's id, so a test can aim a failure at one part of a real
 * multipart upload.
 */
public final class PartFailureInterceptor implements ExecutionInterceptor {
  private static final AtomicInteger FAIL_PART = new AtomicInteger();
  private static final AtomicReference<String> UPLOAD_ID = new AtomicReference<>();

  /** Fails every upload of part {@code partNumber} until {@link #disarm()}. */
  static void failPart(int partNumber) {
    UPLOAD_ID.set(null);
    FAIL_PART.set(partNumber);
  }

  static void disarm() {
    FAIL_PART.set(0);
  }

  /** The upload id of the last part failed. */
  static String uploadId() {
    return UPLOAD_ID.get();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (context.request() instanceof UploadPartRequest r && FAIL_PART.get() != 0 && r.partNumber() == FAIL_PART.get()) {
      UPLOAD_ID.set(r.uploadId());
      throw SdkClientException.create("injected failure of part " + r.partNumber());
    }
  }
}
