package io.trajstream.s3;

import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.http.ErrorAnswer;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.http.ObjectReads;
import io.trajstream.store.http.ReadPolicy;
import io.trajstream.store.http.RequestAuthorizer;
import io.trajstream.store.http.TransientHttpException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The S3 read requests (HEAD, ranged GET, whole GET) sent with the shared blocking HTTP/1.1 client
 * through api's {@link ObjectReads}, signed here ({@link SigV4}), instead of through the AWS SDK: a
 * read-only run then never builds the SDK client, whose start-up and per-request pipeline cost a
 * short process more CPU than the reads themselves on a small machine. Lists and writes keep the SDK.
 *
 * <p>Used when the requests can be formed without the SDK's resolution chains ({@link #of}):
 * static or anonymous credentials (options, {@code aws.accessKeyId}/{@code AWS_ACCESS_KEY_ID}),
 * no profile, a known region (option, {@code aws.region}/{@code AWS_REGION}), and {@code
 * s3.direct-reads} not false. A bucket that answers from another region ({@link WrongRegion}) is
 * left to the SDK, which follows it. What is S3's own here: the addressing of keys, the signature,
 * and the meaning of error answers (S3's codes; 408, 429, 5xx and throttling codes are retried up
 * to {@code s3.max-attempts}), with the same messages as the SDK path's.
 */
final class S3DirectReads implements AutoCloseable {
  private static final Set<String> REGION_CODES =
      Set.of("AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException");
  private static final Set<String> RETRIED_CODES = Set.of("RequestTimeout", "InternalError", "ServiceUnavailable",
      "SlowDown", "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequestsException");

  private final ObjectReads reads;
  private final SigV4 signer;

  private S3DirectReads(Http1Client client, SigV4 signer, Function<String, URI> uris, S3Options options) {
    this.signer = signer;
    RequestAuthorizer authorizer = signer == null ? RequestAuthorizer.NONE : (method, uri, headers) -> {
      String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
      headers.putAll(signer.sign(method, host, uri.getRawPath(), ZonedDateTime.now(ZoneOffset.UTC)));
    };
    ReadPolicy policy = new ReadPolicy(options.maxAttempts(), options.maxAttempts(), options.readTimeout(),
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(20)), "s3.read-timeout-ms",
        "s3.endpoint, s3.region and the network");
    this.reads = new ObjectReads(client, uris, authorizer, S3DirectReads::failure, policy);
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
    ObjectReads.Head h = reads.head(objectKey, location);
    return new Head(h.length(), h.etag());
  }

  /** Whether the object exists (a HEAD). */
  boolean exists(String objectKey, String location) throws IOException {
    return reads.exists(objectKey, location);
  }

  /** A ranged GET into {@code buf}, pinned to {@code etag} when not null ({@link ObjectReads#get}). */
  void get(String objectKey, String location, long position, byte[] buf, int off, int len, String etag)
      throws IOException {
    reads.get(objectKey, location, position, buf, off, len, etag);
  }

  /** The whole object in one GET, bounded by its Content-Length as it arrives. */
  byte[] getAll(String objectKey, String location) throws IOException {
    return reads.getAll(objectKey, location);
  }

  /** What an S3 error answer means: another region, worth another attempt, or S3Errors' error. */
  private static IOException failure(String location, ErrorAnswer a) {
    int s = a.status();
    String code = a.xmlElement("Code");
    code = code == null || code.isEmpty() ? null : code;
    String message = a.xmlElement("Message");
    if (s == 301 || s == 307 || (s == 400 && code != null && REGION_CODES.contains(code))) {
      return new WrongRegion(location + ": the bucket answers from another region (HTTP " + s + ")");
    }
    // 4xx: only a timeout or too many requests is retried, whatever the code says (as on the SDK path)
    if (s == 408 || s == 429 || s >= 500 || "RequestTimeout".equals(code)
        || (s < 400 && code != null && RETRIED_CODES.contains(code))) {
      return new TransientHttpException("HTTP " + s + (code == null ? "" : " " + code),
          HttpReplies.retryAfter(a.header("Retry-After"), Instant.now()));
    }
    return S3Errors.fromAnswer(location, s, code, a.header("x-amz-request-id"), message, "1 attempt", null);
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
    reads.close();
  }

  @Override
  public String toString() {
    return "S3DirectReads[" + signer + "]";
  }
}
