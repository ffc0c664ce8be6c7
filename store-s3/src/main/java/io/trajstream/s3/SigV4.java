package io.trajstream.s3;

import io.trajstream.store.http.HmacSha256;
import io.trajstream.store.http.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a body-less S3 request (GET or HEAD) with AWS Signature Version 4, as AWS documents it:
 * canonical request (method, URI path as sent, no query, the signed headers, {@code
 * UNSIGNED-PAYLOAD}), string to sign, a signing key derived from the secret, date, region and
 * service, and the {@code Authorization} header. Thread-safe; the secret never appears in
 * anything this class returns.
 */
final class SigV4 {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final HexFormat HEX = HexFormat.of();
  static final String UNSIGNED = "UNSIGNED-PAYLOAD";

  private final String accessKeyId;
  private final byte[] secret;
  private final String sessionToken;
  private final String region;

  /** Signs with these credentials ({@code sessionToken} may be null) for {@code region}. */
  SigV4(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
    this.accessKeyId = accessKeyId;
    this.secret = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
    this.sessionToken = sessionToken;
    this.region = region;
  }

  /**
   * The headers to add to a request of {@code method} for {@code rawPath} on {@code host} (as sent
   * in {@code Host}, with a port when the URL names one), made at {@code now}: {@code x-amz-date},
   * {@code x-amz-content-sha256}, the session token if any, and {@code Authorization}.
   */
  Map<String, String> sign(String method, String host, String rawPath, ZonedDateTime now) {
    String stamp = now.withZoneSameInstant(ZoneOffset.UTC).format(STAMP);
    String day = stamp.substring(0, 8);
    Map<String, String> signed = new TreeMap<>();
    signed.put("host", host);
    signed.put("x-amz-content-sha256", UNSIGNED);
    signed.put("x-amz-date", stamp);
    if (sessionToken != null) {
      signed.put("x-amz-security-token", sessionToken);
    }
    StringBuilder canonical = new StringBuilder(256).append(method).append('\n').append(rawPath).append("\n\n");
    signed.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
    String names = String.join(";", signed.keySet());
    canonical.append('\n').append(names).append('\n').append(UNSIGNED);
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + HEX.formatHex(sha256(canonical.toString()));
    byte[] key = hmac(hmac(hmac(hmac(secret, day), region), "s3"), "aws4_request");
    String signature = HEX.formatHex(hmac(key, toSign));
    Map<String, String> out = new TreeMap<>();
    out.put("x-amz-content-sha256", UNSIGNED);
    out.put("x-amz-date", stamp);
    if (sessionToken != null) {
      out.put("x-amz-security-token", sessionToken);
    }
    out.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + names
        + ", Signature=" + signature);
    return out;
  }

  /** The path of an object as S3 canonicalises it: every byte but unreserved characters and '/' percent-encoded. */
  static String encodePath(String path) {
    return PercentEncoding.path(path);
  }

  private static byte[] sha256(String s) {
    return HmacSha256.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, String data) {
    return HmacSha256.hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "SigV4[" + region + "]"; // never the keys
  }
}
