package io.trajstream.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobStorageException;
import io.trajstream.store.StoreException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what the Azure SDK throws to the store API's fixed meanings: a missing blob or container is
 * {@link FileNotFoundException}, a range past the end {@link EOFException}, everything else (after
 * the SDK's own retries) {@link StoreException}. Messages name the full {@code az://} location and
 * the service's error code, never a credential.
 */
final class AzureErrors {
  private static final java.util.regex.Pattern SECRET_VALUE =
      java.util.regex.Pattern.compile("(?i)(sig|signature|accountkey)=[^&;\\s]+");

  private AzureErrors() {}

  /** The store exception for {@code e}, thrown while working on {@code location}. */
  static IOException map(String location, String operation, int maxTries, RuntimeException e) {
    if (e instanceof BlobStorageException bse) {
      return fromResponse(location, operation, maxTries, bse.getStatusCode(), errorCode(bse), bse);
    }
    if (e instanceof ClientAuthenticationException) {
      return new StoreException(
          location,
          operation + " failed: no usable Azure credential (give azure.connection-string, azure.sas-token,"
              + " azure.account-key or azure.anonymous=true, or sign in for DefaultAzureCredential)",
          e);
    }
    if (e instanceof HttpResponseException hre && hre.getResponse() != null) {
      return fromResponse(location, operation, maxTries, hre.getResponse().getStatusCode(), null, hre);
    }
    Throwable cause = rootCause(e);
    if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
      Thread.currentThread().interrupt();
      return new InterruptedIOException(location + ": " + operation + " interrupted");
    }
    if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
      return new StoreException(location, operation + " failed: the endpoint's host name does not resolve (check "
          + AzureOptions.ACCOUNT + ", " + AzureOptions.ENDPOINT + " or the connection string's BlobEndpoint, and the network)", e);
    }
    if (io.trajstream.store.HttpReplies.tlsFailure(e)) {
      return new StoreException(location, operation + " failed: TLS failure, not retried: " + describe(cause), e);
    }
    String what = cause instanceof TimeoutException ? "timed out" : describe(cause);
    return new StoreException(
        location, operation + " failed after up to " + maxTries + " tries: " + what, e);
  }

  /**
   * The store exception for an error answer of {@code status} with the service's error {@code
   * code} (may be null) to {@code operation}; {@code e} is kept as the cause (may be null).
   */
  static IOException fromResponse(
      String location, String operation, int maxTries, int status, String code, Exception e) {
    String reason = "HTTP " + status + (code != null ? " " + code : "");
    switch (status) {
      case 404: {
        String message = location + ": " + ("ContainerNotFound".equals(code) ? "no such container" : "no such blob")
            + " (" + reason + ")";
        FileNotFoundException fnf =
            "ContainerNotFound".equals(code) ? new NoSuchContainer(message) : new FileNotFoundException(message);
        fnf.initCause(e);
        return fnf;
      }
      case 416: {
        EOFException eof = new EOFException(location + ": " + operation + " passes the end of the blob (" + reason + ")");
        eof.initCause(e);
        return eof;
      }
      case 412:
        return new StoreException(location, operation + ": the blob changed while it was being read (" + reason + ")", e);
      case 401:
      case 403:
        return new StoreException(location, operation + " refused: access denied (" + reason + ")", e);
      default:
        if (status >= 500 || status == 408 || status == 429) {
          return new StoreException(location, operation + " failed after up to " + maxTries + " tries (" + reason + ")", e);
        }
        return new StoreException(location, operation + " failed (" + reason + ")", e);
    }
  }

  /** The container itself is missing (so a blob's absence says nothing of the blob). */
  static final class NoSuchContainer extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    NoSuchContainer(String message) {
      super(message);
    }
  }

  private static String errorCode(BlobStorageException e) {
    return e.getErrorCode() != null ? e.getErrorCode().toString() : null;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      if (c instanceof UncheckedIOException u) {
        c = u.getCause();
        continue;
      }
      c = c.getCause();
    }
    return c;
  }

  /** {@code text} with the values of SAS signatures and account keys ({@code sig=}, {@code AccountKey=}) masked. */
  static String mask(String text) {
    return SECRET_VALUE.matcher(text).replaceAll("$1=****");
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + firstLine(m) + ")");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    line = mask(line);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
