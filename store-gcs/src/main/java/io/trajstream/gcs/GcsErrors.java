package io.trajstream.gcs;

import com.google.cloud.BaseServiceException;
import io.trajstream.store.StoreException;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Maps the client's exceptions to the store API's meanings: 404 → {@link FileNotFoundException},
 * anything else (after the client's own retries) → {@link StoreException}; messages always name
 * the full {@code gs://} location.
 */
final class GcsErrors {
  private GcsErrors() {}

  static IOException translate(String location, Throwable t) {
    java.net.UnknownHostException unknown = causeOf(t, java.net.UnknownHostException.class);
    if (unknown != null) {
      return new StoreException(location, "unknown host '" + unknown.getMessage() + "': check "
          + GcsOptions.HOST + " (or STORAGE_EMULATOR_HOST) and the network", t);
    }
    if (io.trajstream.store.HttpReplies.tlsFailure(t)) {
      return new StoreException(location, "TLS failure, not retried: " + firstLine(String.valueOf(
          causeOf(t, javax.net.ssl.SSLException.class) != null ? causeOf(t, javax.net.ssl.SSLException.class) : t)), t);
    }
    io.trajstream.store.HttpReplies.Refused refused = causeOf(t, io.trajstream.store.HttpReplies.Refused.class);
    if (refused != null) {
      return new StoreException(location, "the server's answer was refused: " + refused.getMessage(), t);
    }
    BaseServiceException gcs = find(t);
    if (gcs != null) {
      int code = gcs.getCode();
      if (code == 404) {
        FileNotFoundException e = new FileNotFoundException(location + ": no such object");
        e.initCause(t);
        return e;
      }
      String reason = gcs.getReason() == null ? "" : " (" + gcs.getReason() + ")";
      String what;
      switch (code) {
        case 401:
        case 403:
          what = "access denied" + reason + ": check the credentials (Application Default Credentials),"
              + " or use " + GcsOptions.ANONYMOUS + "=true for a public bucket";
          break;
        case 412:
          what = "a precondition failed" + reason;
          break;
        default:
          what = (code > 0 ? "request failed with HTTP " + code + reason : "request failed")
              + " after the client's retries: " + firstLine(gcs.getMessage());
      }
      return new StoreException(location, what, t);
    }
    if (t instanceof StoreException || t instanceof FileNotFoundException) {
      return (IOException) t;
    }
    return new StoreException(location, "request failed after the client's retries: " + firstLine(String.valueOf(t)), t);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** Whether {@code t} (or a cause) is a GCS error with status {@code code}. */
  static boolean hasCode(Throwable t, int code) {
    BaseServiceException gcs = find(t);
    return gcs != null && gcs.getCode() == code;
  }

  private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 32; c = c.getCause() == c ? null : c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static BaseServiceException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BaseServiceException b) {
        return b;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
