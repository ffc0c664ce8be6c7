package io.trajstream.s3;

import io.trajstream.store.StoreException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps SDK exceptions (thrown after the SDK's own retries) to the store API's meanings: missing
 * object → {@link FileNotFoundException}, range past the end → {@link EOFException}, everything
 * else → {@link StoreException}. Every message names the full {@code s3://} location; no message
 * carries a credential (the SDK's messages hold error codes, request ids and hosts only).
 */
final class S3Errors {
  private S3Errors() {}

  static IOException map(String location, SdkException e) {
    if (e instanceof AwsServiceException s) {
      return mapService(location, s);
    }
    if (e instanceof SdkClientException c) {
      String msg = String.valueOf(c.getMessage());
      if (msg.contains("Unable to load credentials")) {
        return new StoreException(location,
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use s3.profile, "
                + "or s3.anonymous=true for public data", c);
      }
      Throwable root = rootCause(c);
      if (root instanceof java.net.UnknownHostException) {
        return new StoreException(location,
            "unknown host '" + firstLine(String.valueOf(root.getMessage())) + "': check s3.endpoint, s3.region and the network",
            c);
      }
      if (S3Retries.tlsFailure(c)) {
        return new StoreException(location, "TLS failure, not retried: " + firstLine(String.valueOf(root.getMessage()))
            + " (check the endpoint's certificate and the JVM's trust store)", c);
      }
      return new StoreException(location,
          "request failed after " + attempts(c) + ": " + firstLine(msg)
              + (root != c && root.getMessage() != null ? " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")" : ""),
          c);
    }
    return new StoreException(location, "S3 request failed: " + firstLine(String.valueOf(e.getMessage())), e);
  }

  private static IOException mapService(String location, AwsServiceException s) {
    String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
    return fromAnswer(location, s.statusCode(), code, s.requestId(), errorMessage(s), attempts(s), s);
  }

  /**
   * The store error for an S3 error answer: {@code status}, S3's error {@code code} and {@code
   * message} (either may be null), the request id, how many attempts were made (as text), and the
   * exception to keep as cause (may be null). An answer without a message (no body, as for a HEAD
   * or a redirect) is named by its status; a redirect says that it was not followed.
   */
  static IOException fromAnswer(String location, int status, String code, String requestId, String message,
      String attempts, Throwable s) {
    String detail = " (HTTP " + status + (code == null ? "" : ", " + code)
        + (requestId == null ? "" : ", request id " + requestId) + ")";
    if ("NoSuchBucket".equals(code)) {
      FileNotFoundException f = new FileNotFoundException(location + ": no such bucket" + detail);
      f.initCause(s);
      return f;
    }
    if (status == 404 || "NoSuchKey".equals(code)) {
      FileNotFoundException f = new FileNotFoundException(location + ": no such object" + detail);
      f.initCause(s);
      return f;
    }
    if (status == 416 || "InvalidRange".equals(code)) {
      EOFException eof = new EOFException(location + ": requested range is past the end of the object" + detail);
      eof.initCause(s);
      return eof;
    }
    if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
        || "SignatureDoesNotMatch".equals(code) || "ExpiredToken".equals(code)) {
      return new StoreException(location,
          "access denied" + detail + ": check the credentials (AWS_* environment, s3.profile) and the bucket policy;"
              + " anonymous (unsigned) requests need a public bucket", s);
    }
    if (status == 412 || "PreconditionFailed".equals(code)) {
      return new StoreException(location, "the object changed while it was being read" + detail + "; open it again", s);
    }
    String what = message != null ? firstLine(message)
        : status >= 300 && status < 400 ? "a redirect, not followed (check s3.endpoint and s3.region)"
        : "HTTP " + status;
    return new StoreException(location, "S3 error" + detail + " after " + attempts + ": " + what, s);
  }

  /**
   * S3's own message, or null: without one the SDK's message only repeats the status and request
   * id ("(Service: S3, Status Code: 307, Request ID: null)"), which the detail already gives.
   */
  private static String errorMessage(AwsServiceException s) {
    if (s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
        && !s.awsErrorDetails().errorMessage().isBlank()) {
      return s.awsErrorDetails().errorMessage();
    }
    return null;
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts(); // null when the request never went out (e.g. an unknown host)
    return n == null || n <= 1 ? "1 attempt" : n + " attempts";
  }

  private static Throwable rootCause(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.replaceAll(" ?\\(SDK Attempt Count: \\d+\\)", ""); // we say how many attempts ourselves
  }
}
