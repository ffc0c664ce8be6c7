package io.trajstream.s3;

import io.trajstream.store.StoreException;
import io.trajstream.store.RangedInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Positional reads of one S3 object: every read is its own ranged GET, so an input is thread-safe
 * and holds no connection or cursor. When the object was opened with a HEAD, reads carry its ETag
 * ({@code If-Match}), so a replaced object is reported instead of mixing two versions. The body of
 * every response is counted: a body shorter or longer than the range is never returned as data,
 * and a body not read to its end is aborted, never drained.
 */
final class S3Input extends RangedInput {
  private final S3Store store;
  private final String objectKey;
  private final String etag;

  S3Input(S3Store store, String objectKey, String location, long length, String etag) {
    super(location, length, store.ioExecutor());
    this.store = store;
    this.objectKey = objectKey;
    this.etag = etag;
  }

  @Override
  protected void fetch(long position, byte[] buf, int off, int len) throws IOException {
    String location = location();
    Boolean done = store.direct(d -> {
      d.get(objectKey, location, position, buf, off, len, etag);
      return Boolean.TRUE;
    }, d -> null);
    if (done != null) {
      return;
    }
    long last = position + len - 1;
    GetObjectRequest.Builder req =
        GetObjectRequest.builder().bucket(store.bucket()).key(objectKey).range("bytes=" + position + "-" + last);
    if (etag != null) {
      req.ifMatch(etag);
    }
    try {
      store.client().getObject(req.build(), new IntoArray(location, position, buf, off, len));
    } catch (SdkException | UncheckedRangeMismatch e) {
      UncheckedRangeMismatch pastEnd = causeOf(e, UncheckedRangeMismatch.class);
      if (pastEnd != null) {
        EOFException eof = new EOFException(pastEnd.getCause().getMessage());
        eof.initCause(e);
        throw eof;
      }
      RangeMismatch mismatch = causeOf(e, RangeMismatch.class);
      if (mismatch != null) {
        Integer n = e instanceof SdkException s ? s.numAttempts() : null;
        int attempts = n == null ? 1 : n;
        throw new StoreException(location,
            "ranged GET of " + len + " bytes at " + position + " failed after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + mismatch.getMessage(), e);
      }
      throw S3Errors.map(location, (SdkException) e);
    }
  }

  private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** The response body of a ranged GET did not hold exactly the requested bytes. */
  static final class RangeMismatch extends IOException {
    private static final long serialVersionUID = 1L;

    RangeMismatch(String message) {
      super(message);
    }
  }

  /** Carries an {@link EOFException} for a range the server says is past the end. */
  static final class UncheckedRangeMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedRangeMismatch(EOFException cause) {
      super(cause);
    }

    @Override
    public synchronized EOFException getCause() {
      return (EOFException) super.getCause();
    }
  }

  /**
   * Copies a ranged response straight into the caller's array and checks it: the Content-Range must
   * start at the requested position and the body must hold exactly the requested number of bytes.
   * A short or broken body (connection cut) raises the SDK's {@link RetryableException}, so the SDK
   * retries the attempt; the partly filled array is overwritten by the retry or never handed out.
   */
  private static final class IntoArray implements ResponseTransformer<GetObjectResponse, Void> {
    private final String location;
    private final long position;
    private final byte[] buf;
    private final int off;
    private final int len;

    IntoArray(String location, long position, byte[] buf, int off, int len) {
      this.location = location;
      this.position = position;
      this.buf = buf;
      this.off = off;
      this.len = len;
    }

    /**
     * Every way out except a body read to its exact end aborts the connection: closing the stream
     * instead would make the HTTP client read (drain) the rest of the body to reuse the
     * connection — the whole object, when a server ignores {@code Range}.
     */
    @Override
    public Void transform(GetObjectResponse response, AbortableInputStream in) throws IOException {
      boolean clean = false;
      try {
        Long declared = response.contentLength();
        checkRange(response.contentRange(), declared);
        int got;
        try {
          got = readUpTo(in, buf, off, len);
        } catch (IOException e) {
          // a body cut short by the network: the SDK retries the attempt like any other I/O failure
          throw RetryableException.builder()
              .message("response body of a ranged GET broke off: " + e.getMessage())
              .cause(new RangeMismatch("response body broke off: " + e.getMessage()))
              .build();
        }
        if (got < len) {
          throw RetryableException.builder()
              .message("response body ended after " + got + " of " + len + " bytes")
              .cause(new RangeMismatch("response body ended after " + got + " of " + len + " bytes"))
              .build();
        }
        if (declared == null) {
          if (in.read() >= 0) {
            throw new RangeMismatch("response body is longer than the " + len + " bytes asked for");
          }
          clean = true;
        } else {
          clean = declared == len; // else a whole object sent for a read at 0: right bytes, rest unread
        }
        return null;
      } finally {
        if (!clean) {
          in.abort();
        }
      }
    }

    /**
     * Checks the Content-Range ("bytes first-last/total") against the request: it must start at
     * the requested position and hold the whole range; without one (a 200), the request must have
     * started at 0 and the declared length must cover the range.
     */
    private void checkRange(String contentRange, Long declared) throws IOException {
      if (contentRange != null) {
        String r = contentRange.trim();
        int sp = r.indexOf(' ');
        int dash = r.indexOf('-', sp + 1);
        int slash = r.indexOf('/', dash + 1);
        long first;
        long lastByte;
        try {
          if (sp < 0 || dash < 0 || slash < 0) {
            throw new NumberFormatException();
          }
          first = Long.parseLong(r.substring(sp + 1, dash).trim());
          lastByte = Long.parseLong(r.substring(dash + 1, slash).trim());
        } catch (NumberFormatException e) {
          throw new RangeMismatch("unexpected Content-Range '" + contentRange + "'");
        }
        if (first != position) {
          throw new RangeMismatch("asked for bytes from " + position + ", got a range from " + first);
        }
        if (lastByte - first + 1 < len) {
          throw new UncheckedRangeMismatch(new EOFException(
              location + ": read of " + len + " bytes at " + position + " passes the end (object is "
                  + r.substring(slash + 1).trim() + " bytes)"));
        }
      } else if (position != 0) {
        throw new RangeMismatch("the server ignored the Range header");
      }
      if (declared != null && declared < len) {
        throw new RangeMismatch("response declares " + declared + " bytes for a range of " + len);
      }
    }

    private static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
      int n = 0;
      while (n < len) {
        int r = in.read(b, off + n, len - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return n;
    }
  }
}
