package io.trajstream.store.http;

import io.trajstream.store.HttpReplies;
import io.trajstream.store.StoreException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The read requests of an object store (HEAD, ranged GET, whole GET) on {@link Http1Client},
 * checked as strictly as a store's SDK path: a ranged answer must be a 206 whose {@code
 * Content-Range} starts where asked and whose body holds exactly the bytes asked for (a 200 with
 * the whole object is accepted for a read at 0, its rest unread), a whole answer is bounded by its
 * {@code Content-Length} as it arrives, an ETag pins a ranged read ({@code If-Match}), and a body
 * not read to its end is aborted, never drained. Bodies are read through {@link BodyReader}, so a
 * stalled or trickling body fails within the read timeout.
 *
 * <p>Failures worth another attempt (what the store's {@link AnswerMapper} calls transient, broken
 * or stalled bodies, connection failures) are retried as the {@link ReadPolicy} says, waiting as
 * its back-off and the server's {@code Retry-After} say; TLS failures and unknown hosts are final.
 * What differs between stores is a parameter: the object key's URL, the {@link
 * RequestAuthorizer}, the mapper of error answers, and the option names of the messages.
 */
public final class ObjectReads implements AutoCloseable {
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final Http1Client client;
  private final Function<String, URI> uris;
  private final RequestAuthorizer authorizer;
  private final AnswerMapper errors;
  private final ReadPolicy policy;

  /**
   * Reads through {@code client} (closed with this), sending each request for an object key to
   * {@code uris.apply(key)}, authorised by {@code authorizer}; error answers mean what {@code
   * errors} says.
   */
  public ObjectReads(Http1Client client, Function<String, URI> uris, RequestAuthorizer authorizer,
      AnswerMapper errors, ReadPolicy policy) {
    this.client = client;
    this.uris = uris;
    this.authorizer = authorizer;
    this.errors = errors;
    this.policy = policy;
  }

  /** What a HEAD says of an object: its length, its ETag (as sent, or null) and all headers. */
  public record Head(long length, String etag, HttpHeaders headers) {}

  /** The policy these reads follow. */
  public ReadPolicy policy() {
    return policy;
  }

  /** The object's length and ETag; a missing object is what the mapper says (a {@link FileNotFoundException}). */
  public Head head(String objectKey, String location) throws IOException {
    return withRetries(location, x -> {
      try (Http1Response r = send(objectKey, "HEAD", Map.of())) {
        if (r.status() != 200) {
          throw failure(location, "HEAD", r, false);
        }
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length < 0) {
          throw new Final(new StoreException(location, "HEAD answered without a valid Content-Length"));
        }
        return new Head(length, r.headers().firstValue("ETag").orElse(null), r.headers());
      }
    });
  }

  /** Whether the object exists (a HEAD; a {@link FileNotFoundException} means no). */
  public boolean exists(String objectKey, String location) throws IOException {
    try {
      head(objectKey, location);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Reads {@code len} bytes at {@code position} into {@code buf}: one ranged GET, pinned to {@code
   * etag} when not null; anything but exactly those bytes is an error (past the end: an {@link
   * EOFException}).
   */
  public void get(String objectKey, String location, long position, byte[] buf, int off, int len, String etag)
      throws IOException {
    get(objectKey, location, position, buf, off, len, etag, false);
  }

  /**
   * As {@link #get}, but a body that breaks off after delivering bytes is continued where it broke
   * (a ranged GET of the rest, the bytes received kept) and, having brought at least 64 KiB, does
   * not count against the policy's attempts: the way a store's SDK resumes a download.
   */
  public void getResuming(String objectKey, String location, long position, byte[] buf, int off, int len, String etag)
      throws IOException {
    get(objectKey, location, position, buf, off, len, etag, true);
  }

  private void get(String objectKey, String location, long position0, byte[] buf, int off0, int len0, String etag,
      boolean resume) throws IOException {
    int[] done = {0};
    withRetries(location, x -> {
      int at = done[0];
      long position = position0 + at;
      int off = off0 + at;
      int len = len0 - at;
      Map<String, String> headers = new LinkedHashMap<>();
      String range = "bytes=" + position + "-" + (position + len - 1);
      headers.put("Range", range);
      if (etag != null) {
        headers.put("If-Match", etag);
      }
      String request = "ranged GET of " + len + " bytes at " + position;
      try (Http1Response r = send(objectKey, "GET", headers)) {
        int s = r.status();
        if (s != 206 && s != 200) {
          throw failure(location, request, r, true);
        }
        String contentRange = r.headers().firstValue("Content-Range").orElse(null);
        long limit;
        long declared;
        try {
          // the range as Content-Range says; a length that disagrees only means the rest is not read
          limit = HttpReplies.bodyLimit(range, s, contentRange, null);
          declared = HttpReplies.bodyLimit(null, s, null, r.headers().firstValue("Content-Length").orElse(null));
        } catch (HttpReplies.Refused e) {
          r.abort();
          throw new Final(new StoreException(location, request + ": " + e.getMessage()));
        }
        if (limit >= 0 && limit < len) {
          r.abort();
          ContentRange cr = ContentRange.parse(contentRange);
          throw new Final(new EOFException(location + ": read of " + len + " bytes at " + position
              + " passes the end (object is " + (cr != null && cr.total() >= 0 ? cr.total() + " bytes" : "shorter") + ")"));
        }
        x.inBody = true;
        try (BodyReader body = new BodyReader(r, policy.readTimeout(), policy.readTimeoutOption())) {
          int got = 0;
          if (resume) { // in steps, so that the bytes a broken body delivered count
            int n;
            do {
              n = body.readUpTo(buf, off + got, Math.min(BodyReader.PROGRESS_BYTES, len - got));
              got += n;
              if (n > 0) {
                done[0] = at + got;
                // only a try that brought 64 KiB (or the rest) starts the count again: a body broken
                // after a few bytes each time still ends in an error
                x.progressed = got >= BodyReader.PROGRESS_BYTES || got == len;
              }
            } while (n > 0 && got < len);
          } else {
            got = body.readUpTo(buf, off, len);
          }
          if (got < len) {
            throw new TransientHttpException("body ended after " + got + " of " + len + " bytes");
          }
          if (s == 206 && (declared == len || declared < 0) && !body.atEnd()) {
            r.abort();
            throw new Final(new StoreException(location, "ranged GET body is longer than the " + len + " bytes asked for"));
          }
          if (s == 200 || (declared >= 0 && declared != len)) {
            r.abort(); // the rest of a whole object sent for a read at 0, or of a lying length: never drained
          }
        }
        return null;
      }
    });
  }

  /** The whole object in one GET, bounded by its Content-Length as it arrives. */
  public byte[] getAll(String objectKey, String location) throws IOException {
    return withRetries(location, x -> {
      try (Http1Response r = send(objectKey, "GET", Map.of())) {
        if (r.status() != 200) {
          throw failure(location, "GET", r, true);
        }
        x.inBody = true;
        // the array grows with the bytes that arrive; a body that stalls or trickles fails through the watchdog
        try (BodyReader body = new BodyReader(r, policy.readTimeout(), policy.readTimeoutOption())) {
          return HttpReplies.readWhole(body.stream(),
              HttpReplies.bodyLimit(null, 200, null, r.headers().firstValue("Content-Length").orElse(null)));
        } catch (HttpReplies.Refused e) {
          r.abort();
          throw new Final(new StoreException(location, "read failed: " + e.getMessage()));
        } catch (EOFException e) {
          throw new TransientHttpException(e.getMessage());
        }
      }
    });
  }

  private Http1Response send(String objectKey, String method, Map<String, String> own) throws IOException {
    URI uri = uris.apply(objectKey);
    Map<String, String> headers = new LinkedHashMap<>(own);
    authorizer.authorize(method, uri, headers);
    return client.send(uri, method, headers, policy.readTimeout());
  }

  /** The mapper's exception for a non-success answer, after reading a small error body if there is one. */
  private IOException failure(String location, String request, Http1Response r, boolean hasBody) throws IOException {
    String text = "";
    if (hasBody) {
      byte[] buf = new byte[ERROR_BODY_LIMIT];
      int n;
      try (BodyReader body = new BodyReader(r, policy.readTimeout(), policy.readTimeoutOption())) {
        n = body.readUpTo(buf, 0, buf.length);
        if (!body.atEnd()) {
          r.abort();
        }
      } catch (IOException e) {
        n = 0;
      }
      text = new String(buf, 0, n, StandardCharsets.UTF_8);
    }
    IOException e = errors.failure(location, new ErrorAnswer(request, r.status(), r.headers(), text));
    return e instanceof TransientHttpException ? e : new Final(e);
  }

  /** One attempt of a request; marks when its body started. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run(Exchange x) throws IOException;
  }

  /** What one attempt got to. */
  private static final class Exchange {
    boolean inBody;
    boolean progressed;
  }

  /** An outcome that ends the read as it is: carries the exception to throw. */
  private static final class Final extends IOException {
    private static final long serialVersionUID = 1L;

    Final(IOException e) {
      super(e.getMessage(), e);
    }

    IOException unwrap() {
      return (IOException) getCause();
    }
  }

  private <T> T withRetries(String location, Attempt<T> attempt) throws IOException {
    int attempts = policy.maxAttempts();
    int bodyFailures = 0;
    int made = 0;
    String last = null;
    java.time.Duration retryAfter = null;
    while (made < attempts) {
      if (made > 0) {
        sleep(location, policy.backoff().before(made, retryAfter));
      }
      made++;
      Exchange x = new Exchange();
      try {
        return attempt.run(x);
      } catch (Final e) {
        throw e.unwrap();
      } catch (TransientHttpException e) {
        last = e.getMessage();
        retryAfter = e.retryAfter();
      } catch (java.net.SocketTimeoutException e) {
        last = "no answer within " + policy.readTimeoutOption() + " (" + e.getMessage() + ")";
        retryAfter = null;
      } catch (FileNotFoundException | StoreException | InterruptedIOException e) {
        throw e; // (an EOFException past the end comes as a Final; a bare one is a connection closed unanswered)
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException(location + ": interrupted");
        }
        if (HttpReplies.tlsFailure(e)) {
          throw new StoreException(location, "TLS failure, not retried: " + e.getMessage()
              + " (check the endpoint's certificate and the JVM's trust store)", e);
        }
        if (HttpReplies.unknownHost(e)) {
          throw new StoreException(location, "unknown host '" + e.getMessage() + "': check "
              + policy.unknownHostAdvice(), e);
        }
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        retryAfter = null;
      }
      if (x.progressed) {
        made = 0; // a resumed body starts its count again: each resume delivers bytes, so this ends
        bodyFailures = 0;
        retryAfter = null;
        continue;
      }
      if (x.inBody && ++bodyFailures > policy.bodyRetries()) {
        break;
      }
    }
    throw new StoreException(location, "request failed after " + made + (made == 1 ? " attempt: " : " attempts: ")
        + last);
  }

  private static void sleep(String location, Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(location + ": interrupted while waiting to retry");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
