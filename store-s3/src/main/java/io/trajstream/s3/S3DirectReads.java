package io.trajstream.s3;

import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.StoreException;
import io.trajstream.store.http.BodyReader;
import io.trajstream.store.http.ContentRange;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.http.Http1Response;
import io.trajstream.store.http.TransientHttpException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 read requests (HEAD, ranged GET, whole GET) sent with the shared blocking HTTP/1.1 client
 * ({@link Http1Client}) and signed here ({@link SigV4}), instead of through the AWS SDK: a read-only
 * run then never builds the SDK client, whose start-up and per-request pipeline cost a short
 * process more CPU than the reads themselves on a small machine. Lists and writes keep the SDK.
 *
 * <p>Used when the requests can be formed without the SDK's resolution chains ({@link #of}):
 * static or anonymous credentials (options, {@code aws.accessKeyId}/{@code AWS_ACCESS_KEY_ID}),
 * no profile, a known region (option, {@code aws.region}/{@code AWS_REGION}), and {@code
 * s3.direct-reads} not false. A bucket that answers from another region ({@link WrongRegion}) is
 * left to the SDK, which follows it. Answers are checked as strictly as the SDK path does
 * ({@code Content-Range}, exact body lengths, {@code If-Match}); failures worth another attempt
 * (408, 429, 5xx, throttling, broken or stalled bodies, connection failures) are retried up to
 * {@code s3.max-attempts} with {@link Backoff}; errors carry the same messages as the SDK path's.
 */
final class S3DirectReads implements AutoCloseable {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{0,2000})</Message>");
  private static final Set<String> REGION_CODES =
      Set.of("AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException");
  private static final Set<String> RETRIED_CODES = Set.of("RequestTimeout", "InternalError", "ServiceUnavailable",
      "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException");
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final Http1Client client;
  private final SigV4 signer;
  private final Function<String, URI> uris;
  private final S3Options options;
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(20));

  private S3DirectReads(Http1Client client, SigV4 signer, Function<String, URI> uris, S3Options options) {
    this.client = client;
    this.signer = signer;
    this.uris = uris;
    this.options = options;
  }

  /** The reads of {@code bucket} without the SDK, or empty when the SDK must resolve something first. */
  static Optional<S3DirectReads> of(S3Options o, String bucket, Map<String, String> env) {
    if (!o.directReads() || o.profile().isPresent()) {
      return Optional.empty();
    }
    String region = o.region().orElseGet(() -> firstSet(System.getProperty("aws.region"), env.get("AWS_REGION")));
    if (region == null || region.isBlank() || region.toLowerCase(Locale.ROOT).startsWith("cn-")) {
      return Optional.empty();
    }
    SigV4 signer = null;
    if (!o.anonymous()) {
      String id = o.accessKeyId().orElse(null);
      String secret = o.secretAccessKey().orElse(null);
      String token = o.sessionToken().orElse(null);
      if (id == null) {
        if (System.getProperty("aws.accessKeyId") != null) {
          id = System.getProperty("aws.accessKeyId");
          secret = System.getProperty("aws.secretAccessKey");
          token = System.getProperty("aws.sessionToken");
        } else {
          id = env.get("AWS_ACCESS_KEY_ID");
          secret = env.get("AWS_SECRET_ACCESS_KEY");
          token = env.get("AWS_SESSION_TOKEN");
        }
      }
      if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
        return Optional.empty(); // roles, web identity, files: the SDK's chain
      }
      signer = new SigV4(id.trim(), secret.trim(), token == null || token.isBlank() ? null : token.trim(), region);
    }
    return Optional.of(new S3DirectReads(new Http1Client(o.connectTimeout(), null), signer,
        addressing(o, bucket, region), o));
  }

  private static String firstSet(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  /** The request URL of an object key: path-style or virtual-hosted, on the endpoint or AWS's. */
  private static Function<String, URI> addressing(S3Options o, String bucket, String region) {
    URI endpoint = o.endpoint().orElse(URI.create("https://s3." + region + ".amazonaws.com"));
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    String authority = endpoint.getRawAuthority();
    String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
    boolean pathStyle = o.pathStyle() || (scheme.equals("https") && bucket.contains("."));
    String encodedBucket = SigV4.encodePath(bucket);
    return key -> {
      String path = SigV4.encodePath(key);
      return pathStyle
          ? URI.create(scheme + "://" + authority + basePath + "/" + encodedBucket + "/" + path)
          : URI.create(scheme + "://" + bucket + "." + authority + basePath + "/" + path);
    };
  }

  /** What a HEAD says of an object. */
  record Head(long length, String etag) {}

  /** The object's length and ETag; a missing object is a {@link FileNotFoundException}. */
  Head head(String objectKey, String location) throws IOException {
    return withRetries(location, () -> {
      try (Http1Response r = send(objectKey, "HEAD", Map.of())) {
        if (r.status() != 200) {
          throw failure(location, r, false);
        }
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length < 0) {
          throw new StoreException(location, "HEAD answered without a valid Content-Length");
        }
        return new Head(length, r.headers().firstValue("ETag").orElse(null));
      }
    });
  }

  /** Whether the object exists (a HEAD). */
  boolean exists(String objectKey, String location) throws IOException {
    try {
      head(objectKey, location);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Reads {@code len} bytes at {@code position} into {@code buf}: one ranged GET, pinned to {@code
   * etag} when not null. The answer must be a 206 whose Content-Range starts at {@code position}
   * and whose body holds exactly {@code len} bytes (a 200 with the whole object is accepted for a
   * read at 0, its rest left unread); anything else is an error, and a body not read to its end is
   * aborted, never drained.
   */
  void get(String objectKey, String location, long position, byte[] buf, int off, int len, String etag)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Range", "bytes=" + position + "-" + (position + len - 1));
    if (etag != null) {
      headers.put("If-Match", etag);
    }
    withRetries(location, () -> {
      try (Http1Response r = send(objectKey, "GET", headers)) {
        int s = r.status();
        if (s != 206 && s != 200) {
          throw failure(location, r, true);
        }
        String contentRange = r.headers().firstValue("Content-Range").orElse(null);
        String contentLength = r.headers().firstValue("Content-Length").orElse(null);
        long limit;
        long declared;
        try {
          // the range as Content-Range says; a length that disagrees only means the rest is not read
          limit = HttpReplies.bodyLimit(headers.get("Range"), s, contentRange, null);
          declared = HttpReplies.bodyLimit(null, s, null, contentLength);
        } catch (HttpReplies.Refused e) {
          r.abort();
          throw new StoreException(location, "ranged GET of " + len + " bytes at " + position + ": " + e.getMessage());
        }
        if (limit >= 0 && limit < len) {
          r.abort();
          ContentRange range = ContentRange.parse(contentRange);
          throw new EOFException(location + ": read of " + len + " bytes at " + position + " passes the end (object is "
              + (range != null && range.total() >= 0 ? range.total() + " bytes" : "shorter") + ")");
        }
        try (BodyReader body = new BodyReader(r, options.readTimeout())) {
          int got = body.readUpTo(buf, off, len);
          if (got < len) {
            throw new TransientHttpException("body ended after " + got + " of " + len + " bytes");
          }
          if (s == 206 && (declared == len || declared < 0) && !body.atEnd()) {
            r.abort();
            throw new StoreException(location, "ranged GET body is longer than the " + len + " bytes asked for");
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
  byte[] getAll(String objectKey, String location) throws IOException {
    return withRetries(location, () -> {
      try (Http1Response r = send(objectKey, "GET", Map.of())) {
        if (r.status() != 200) {
          throw failure(location, r, true);
        }
        // bounded by its Content-Length, the array growing with the bytes that arrive; a body that
        // stalls or trickles fails through the reader's watchdog
        try (BodyReader body = new BodyReader(r, options.readTimeout())) {
          return HttpReplies.readWhole(body.stream(),
              HttpReplies.bodyLimit(null, 200, null, r.headers().firstValue("Content-Length").orElse(null)));
        } catch (HttpReplies.Refused e) {
          r.abort();
          throw new StoreException(location, "read failed: " + e.getMessage());
        } catch (EOFException e) {
          throw new TransientHttpException(e.getMessage());
        }
      }
    });
  }

  private Http1Response send(String objectKey, String method, Map<String, String> extra) throws IOException {
    URI uri = uris.apply(objectKey);
    Map<String, String> headers = new LinkedHashMap<>(extra);
    if (signer != null) {
      String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
      headers.putAll(signer.sign(method, host, uri.getRawPath(), ZonedDateTime.now(ZoneOffset.UTC)));
    }
    return client.send(uri, method, headers, options.readTimeout());
  }

  /** The exception for a non-success answer; reads a small error body when there is one. */
  private IOException failure(String location, Http1Response r, boolean hasBody) throws IOException {
    int s = r.status();
    String code = null;
    String message = null;
    if (hasBody) {
      byte[] buf = new byte[ERROR_BODY_LIMIT];
      int n;
      try (BodyReader body = new BodyReader(r, options.readTimeout())) {
        n = body.readUpTo(buf, 0, buf.length);
        if (!body.atEnd()) {
          r.abort();
        }
      } catch (IOException e) {
        n = 0;
      }
      String xml = new String(buf, 0, n, StandardCharsets.UTF_8);
      Matcher c = CODE.matcher(xml);
      code = c.find() ? c.group(1) : null;
      Matcher m = MESSAGE.matcher(xml);
      message = m.find() ? m.group(1) : null;
    }
    if (s == 301 || s == 307 || (s == 400 && code != null && REGION_CODES.contains(code))) {
      return new WrongRegion(location + ": the bucket answers from another region (HTTP " + s + ")");
    }
    // 4xx: only a timeout or too many requests is retried, whatever the code says (as on the SDK path)
    if (s == 408 || s == 429 || s >= 500 || "RequestTimeout".equals(code)
        || (s < 400 && code != null && RETRIED_CODES.contains(code))) {
      return new TransientHttpException("HTTP " + s + (code == null ? "" : " " + code),
          HttpReplies.retryAfter(r.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }
    String requestId = r.headers().firstValue("x-amz-request-id").orElse(null);
    return S3Errors.fromAnswer(location, s, code, requestId, message, "1 attempt", null);
  }

  /** One attempt of a request. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run() throws IOException;
  }

  private <T> T withRetries(String location, Attempt<T> attempt) throws IOException {
    int attempts = options.maxAttempts();
    String last = null;
    Duration retryAfter = null;
    for (int i = 1; i <= attempts; i++) {
      if (i > 1) {
        try {
          Thread.sleep(backoff.before(i - 1, retryAfter).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(location + ": interrupted while waiting to retry");
        }
      }
      try {
        return attempt.run();
      } catch (TransientHttpException e) {
        last = e.getMessage();
        retryAfter = e.retryAfter();
      } catch (java.net.SocketTimeoutException e) {
        last = "no answer within s3.read-timeout-ms (" + e.getMessage() + ")";
        retryAfter = null;
      } catch (FileNotFoundException | EOFException | StoreException | InterruptedIOException | WrongRegion e) {
        throw e;
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException(location + ": interrupted");
        }
        if (HttpReplies.tlsFailure(e)) {
          throw new StoreException(location, "TLS failure, not retried: " + e.getMessage()
              + " (check the endpoint's certificate and the JVM's trust store)", e);
        }
        if (HttpReplies.unknownHost(e)) {
          throw new StoreException(location, "unknown host '" + e.getMessage()
              + "': check s3.endpoint, s3.region and the network", e);
        }
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        retryAfter = null;
      }
    }
    throw new StoreException(location, "request failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
        + last);
  }

  /** The bucket lives in another region than the one the requests were signed for: the SDK's turn. */
  static final class WrongRegion extends IOException {
    private static final long serialVersionUID = 1L;

    WrongRegion(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3DirectReads[" + signer + "]";
  }
}
