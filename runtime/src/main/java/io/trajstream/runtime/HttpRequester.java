package io.trajstream.runtime;

import io.trajstream.store.http.TransientHttpException;
import io.trajstream.store.http.Http1Response;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.StoreException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the requests of one {@link HttpStore}: follows redirects itself (at most {@value
 * #MAX_REDIRECTS}; never from https to http; credentials only to the root's origin; the request's
 * own headers such as {@code Range} kept on every hop), runs each operation in attempts as {@link
 * HttpRetryPolicy} says, and turns failures into the store's one-line errors, secrets masked.
 */
final class HttpRequester {
  static final int MAX_REDIRECTS = 5;

  private final Http1Client client;
  private final HttpStoreOptions options;
  private final HttpRetryPolicy policy;
  private final HttpTarget target;

  HttpRequester(Http1Client client, HttpStoreOptions options, HttpTarget target) {
    this.client = client;
    this.options = options;
    this.policy = new HttpRetryPolicy(options);
    this.target = target;
  }

  /** Closes the connections kept for later requests. */
  void close() {
    client.close();
  }

  HttpStoreOptions options() {
    return options;
  }

  /** One attempt of an operation; throws {@link TransientHttpException} or an I/O error to ask for another. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException;
  }

  /** A response whose body is still to be read; closing it before the body's end aborts the exchange. */
  record Response(URI uri, Http1Response response) implements AutoCloseable {
    int status() {
      return response.status();
    }

    HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public void close() {
      response.close();
    }
  }

  /**
   * Runs {@code attempt} up to {@code http.retries + 1} times. Final answers (not found, end of
   * object, {@link StoreException}s such as wrong bytes or a changed object, TLS failures, unknown
   * hosts) end at once; the last transient failure becomes a {@link StoreException} naming the
   * location and the number of attempts.
   */
  <T> T withRetries(String location, Attempt<T> attempt) throws IOException {
    String last = null;
    Duration retryAfter = null;
    int attempts = policy.attempts();
    for (int i = 1; i <= attempts; i++) {
      if (i > 1) {
        sleep(policy.delayBefore(i - 1, retryAfter));
      }
      try {
        return attempt.run();
      } catch (TransientHttpException e) {
        last = e.getMessage();
        retryAfter = e.retryAfter();
      } catch (FileNotFoundException | EOFException | StoreException | InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException(location + ": interrupted");
        }
        if (HttpRetryPolicy.tlsFailure(e) != null) {
          throw new StoreException(location, "TLS failure: " + describe(HttpRetryPolicy.tlsFailure(e))
              + " (not retried)", sanitized(e));
        }
        if (HttpRetryPolicy.unknownHost(e)) {
          throw new StoreException(location, "unknown host (not retried)", sanitized(e));
        }
        last = describe(e);
        retryAfter = null;
      }
    }
    throw new StoreException(location, last + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)"));
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * Sends {@code method} to {@code uri} with {@code headers}, following redirects; the body is left
   * unread. A redirect that cannot be followed is a {@link StoreException}.
   */
  Response send(String location, URI uri, String method, Map<String, String> headers) throws IOException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      Map<String, String> sent = new java.util.LinkedHashMap<>(headers);
      String auth = target.authorizationFor(current);
      if (auth != null) {
        sent.put("Authorization", auth);
      }
      Http1Response r;
      try {
        r = client.send(current, method, sent, options.timeout());
      } catch (IllegalArgumentException e) {
        throw new StoreException(location, "cannot send the request: " + target.scrub(e.getMessage()));
      }
      Response response = new Response(current, r);
      int s = r.status();
      if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
        return response;
      }
      response.close();
      String loc = r.headers().firstValue("Location").orElse(null);
      if (loc == null) {
        throw new StoreException(location, "HTTP " + s + " redirect without a Location");
      }
      URI next;
      try {
        next = current.resolve(loc.trim());
      } catch (IllegalArgumentException e) {
        throw new StoreException(location, "HTTP " + s + " redirect to a bad Location: " + target.scrub(loc));
      }
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if ("https".equalsIgnoreCase(current.getScheme()) && scheme.equals("http")) {
        throw new StoreException(location, "the server redirected from https to http ("
            + target.scrub(next.toString()) + "); refused, as it would send the request unencrypted");
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new StoreException(location, "HTTP " + s + " redirect to a non-HTTP URL refused: " + target.scrub(loc));
      }
      if (hop >= MAX_REDIRECTS) {
        throw new StoreException(location, "more than " + MAX_REDIRECTS + " redirects (last to "
            + target.scrub(next.toString()) + ")");
      }
      if (s == 303) {
        method = method.equals("HEAD") ? "HEAD" : "GET";
      }
      current = next;
    }
  }

  /**
   * The error for a final or retryable status: 404/410 not found, 401/403 access denied, 412 the
   * object changed, 408/429/5xx {@link TransientHttpException}, anything else unexpected.
   */
  IOException statusFailure(String location, Response r) {
    int s = r.status();
    if (s == 404 || s == 410) {
      return new FileNotFoundException(location + ": not found (HTTP " + s + ")");
    }
    if (s == 401 || s == 403) {
      return new StoreException(location, "access denied (HTTP " + s + ")");
    }
    if (s == 412) {
      return new StoreException(location, "object changed while reading (HTTP 412: its version no longer matches); open it again");
    }
    if (HttpRetryPolicy.retryableStatus(s)) {
      Duration after = HttpRetryPolicy.parseRetryAfter(r.headers().firstValue("Retry-After").orElse(null), Instant.now());
      return new TransientHttpException("HTTP " + s, after);
    }
    return new StoreException(location, "unexpected HTTP " + s);
  }

  private String describe(Throwable e) {
    String msg = e.getMessage();
    String name = e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? name : name + ": " + target.scrub(msg);
  }

  /**
   * A copy of {@code e}'s chain whose messages have the URL's secrets masked, for the cause of a
   * store error (printed by {@code --debug}).
   */
  IOException sanitized(Throwable e) {
    IOException copy = new IOException(describe(e));
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null && e.getCause() != e) {
      copy.initCause(sanitized(e.getCause()));
    }
    return copy;
  }
}
