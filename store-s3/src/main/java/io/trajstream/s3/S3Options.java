package io.trajstream.s3;

import io.trajstream.Secrets;
import io.trajstream.store.StoreConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code s3.*} storage options, parsed and checked once.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><td>{@code s3.endpoint}</td><td>S3-compatible endpoint URL (e.g. a local server); default AWS</td></tr>
 *   <tr><td>{@code s3.region}</td><td>region; default from {@code AWS_REGION}/{@code aws.region} or the
 *       profile file, else {@code us-east-1} (cross-region access is on for AWS)</td></tr>
 *   <tr><td>{@code s3.path-style}</td><td>path-style addressing; default true when {@code s3.endpoint}
 *       is set, else false</td></tr>
 *   <tr><td>{@code s3.profile}</td><td>named profile of the shared config/credentials files</td></tr>
 *   <tr><td>{@code s3.anonymous}</td><td>unsigned requests; no credential chain is consulted</td></tr>
 *   <tr><td>{@code s3.access-key-id}, {@code s3.secret-access-key}, {@code s3.session-token}</td>
 *       <td>static credentials (masked in logs); otherwise the SDK's default chain and {@code AWS_*}</td></tr>
 *   <tr><td>{@code s3.max-attempts}</td><td>attempts per request including the first (default 5)</td></tr>
 *   <tr><td>{@code s3.retry-mode}</td><td>{@code adaptive} (default: standard retries, plus client-side
 *       rate limiting after throttling such as 503 SlowDown) or {@code standard}</td></tr>
 *   <tr><td>{@code s3.connect-timeout-ms}, {@code s3.read-timeout-ms}, {@code s3.attempt-timeout-ms},
 *       {@code s3.call-timeout-ms}</td><td>10 s, 30 s, 2 min, 10 min</td></tr>
 *   <tr><td>{@code s3.max-connections}</td><td>HTTP connection pool size (default 64)</td></tr>
 *   <tr><td>{@code s3.io-threads}</td><td>threads for vectored reads and upload parts (default 16)</td></tr>
 *   <tr><td>{@code s3.multipart-threshold}, {@code s3.part-size}</td><td>objects above the threshold
 *       (default 16 MiB) are uploaded in parts of this size (default 8 MiB, at least 5 MiB)</td></tr>
 *   <tr><td>{@code s3.list-page-size}</td><td>keys per ListObjectsV2 page (default 1000)</td></tr>
 *   <tr><td>{@code s3.direct-reads}</td><td>HEAD and GET requests sent by TrajStream's own HTTP client,
 *       signed by it, when credentials and region are given directly (default true; false: every
 *       request through the SDK)</td></tr>
 * </table>
 */
public record S3Options(
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle,
    Optional<String> profile,
    boolean anonymous,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    Optional<String> sessionToken,
    int maxAttempts,
    boolean adaptiveRetries,
    Duration connectTimeout,
    Duration readTimeout,
    Duration attemptTimeout,
    Duration callTimeout,
    int maxConnections,
    int ioThreads,
    long multipartThreshold,
    long partSize,
    int listPageSize,
    boolean directReads) {

  /** Every {@code s3.*} key read by {@link #from}. */
  public static final Set<String> NAMES = Set.of("s3.endpoint", "s3.region", "s3.path-style", "s3.profile",
      "s3.anonymous", "s3.access-key-id", "s3.secret-access-key", "s3.session-token", "s3.max-attempts",
      "s3.retry-mode", "s3.connect-timeout-ms", "s3.read-timeout-ms", "s3.attempt-timeout-ms",
      "s3.call-timeout-ms", "s3.max-connections", "s3.io-threads", "s3.multipart-threshold", "s3.part-size",
      "s3.list-page-size", "s3.direct-reads");

  static final long MIB = 1024 * 1024;
  /** S3's smallest part (except the last). */
  static final long MIN_PART_SIZE = 5 * MIB;

  /** Reads the options from {@code config}; a bad value raises {@link IllegalArgumentException} naming the key. */
  public static S3Options from(StoreConfig config) {
    Optional<URI> endpoint = config.get("s3.endpoint").filter(s -> !s.isBlank()).map(S3Options::endpointUri);
    String mode = config.get("s3.retry-mode", "adaptive").trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("adaptive") && !mode.equals("standard")) {
      throw new IllegalArgumentException("storage option s3.retry-mode=" + mode + " must be 'standard' or 'adaptive'");
    }
    boolean anonymous = config.getBoolean("s3.anonymous", false);
    Optional<String> keyId = config.get("s3.access-key-id").filter(s -> !s.isBlank());
    Optional<String> secret = config.get("s3.secret-access-key").filter(s -> !s.isBlank());
    if (keyId.isPresent() != secret.isPresent()) {
      throw new IllegalArgumentException("storage options s3.access-key-id and s3.secret-access-key go together");
    }
    if (anonymous && keyId.isPresent()) {
      throw new IllegalArgumentException("storage option s3.anonymous=true cannot be combined with s3.access-key-id");
    }
    long partSize = config.getLong("s3.part-size", 8 * MIB);
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("storage option s3.part-size=" + partSize + " is below S3's 5 MiB minimum");
    }
    return new S3Options(
        endpoint,
        config.get("s3.region").filter(s -> !s.isBlank()),
        config.getBoolean("s3.path-style", endpoint.isPresent()),
        config.get("s3.profile").filter(s -> !s.isBlank()),
        anonymous,
        keyId,
        secret,
        config.get("s3.session-token").filter(s -> !s.isBlank()),
        (int) positive(config, "s3.max-attempts", 5),
        mode.equals("adaptive"),
        Duration.ofMillis(positive(config, "s3.connect-timeout-ms", 10_000)),
        Duration.ofMillis(positive(config, "s3.read-timeout-ms", 30_000)),
        Duration.ofMillis(positive(config, "s3.attempt-timeout-ms", 120_000)),
        Duration.ofMillis(positive(config, "s3.call-timeout-ms", 600_000)),
        (int) positive(config, "s3.max-connections", 64),
        (int) positive(config, "s3.io-threads", 16),
        Math.max(positive(config, "s3.multipart-threshold", 16 * MIB), partSize),
        partSize,
        (int) Math.min(1000, positive(config, "s3.list-page-size", 1000)),
        config.getBoolean("s3.direct-reads", true));
  }

  /** The options with the credentials shown as {@code ****} (the record's own form would print them). */
  @Override
  public String toString() {
    return "S3Options[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
        + ", profile=" + profile + ", anonymous=" + anonymous
        + ", accessKeyId=" + masked(accessKeyId) + ", secretAccessKey=" + masked(secretAccessKey)
        + ", sessionToken=" + masked(sessionToken) + ", maxAttempts=" + maxAttempts
        + ", adaptiveRetries=" + adaptiveRetries + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", attemptTimeout=" + attemptTimeout + ", callTimeout=" + callTimeout
        + ", maxConnections=" + maxConnections + ", ioThreads=" + ioThreads
        + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
        + ", listPageSize=" + listPageSize + ", directReads=" + directReads + "]";
  }

  private static String masked(Optional<String> secret) {
    return secret.isPresent() ? "Optional[" + Secrets.MASK + "]" : "Optional.empty";
  }

  private static long positive(StoreConfig config, String key, long dflt) {
    long v = config.getLong(key, dflt);
    if (v < 1) {
      throw new IllegalArgumentException("storage option " + key + "=" + v + " must be positive");
    }
    return v;
  }

  private static URI endpointUri(String s) {
    URI u = URI.create(s.trim());
    if (u.getScheme() == null || u.getHost() == null
        || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("storage option s3.endpoint=" + s + " must be an http(s) URL with a host");
    }
    return u;
  }
}
