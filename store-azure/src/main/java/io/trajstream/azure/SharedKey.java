package io.trajstream.azure;

import io.trajstream.store.http.HmacSha256;
import io.trajstream.store.http.RequestAuthorizer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Authorises Blob service requests with the account's shared key, as Azure Storage documents it:
 * the string to sign is the verb, the standard headers ({@code Content-Encoding} ... {@code
 * Range}, empty where not sent), the {@code x-ms-*} headers (lower-case, sorted, {@code
 * name:value}) and the canonicalised resource ({@code /account/path-as-sent}, then each query
 * parameter, lower-case and sorted, as {@code \nname:value[,value]}); its HMAC-SHA256 under the
 * decoded key goes in {@code Authorization: SharedKey account:signature}. Adds {@code x-ms-date}
 * and {@code x-ms-version}. The key never appears in anything this class returns or prints.
 */
final class SharedKey implements RequestAuthorizer {
  /** The Blob service version of the requests (known to the service and to the emulator). */
  static final String VERSION = "2021-12-02";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
  private static final String[] STANDARD = {"Content-Encoding", "Content-Language", "Content-Length", "Content-MD5",
      "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"};

  private final String account;
  private final byte[] key;

  /** Signs for {@code account} with its base64 {@code accountKey}; a key that is not base64 is an {@link IllegalArgumentException}. */
  SharedKey(String account, String accountKey) {
    this.account = account;
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(accountKey.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the account key of " + account + " is not base64"); // never the key
    }
    this.key = raw;
  }

  @Override
  public void authorize(String method, URI uri, Map<String, String> headers) {
    headers.put("x-ms-date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    headers.put("x-ms-version", VERSION);
    headers.put("Authorization", "SharedKey " + account + ":" + signature(stringToSign(method, uri, headers)));
  }

  /** The string to sign of a request with {@code headers} (names in any case). */
  String stringToSign(String method, URI uri, Map<String, String> headers) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    StringBuilder b = new StringBuilder(256).append(method).append('\n');
    for (String name : STANDARD) {
      String v = byName.get(name);
      if (name.equals("Content-Length") && "0".equals(v)) {
        v = null; // a zero length is signed as empty
      }
      b.append(v == null ? "" : v).append('\n');
    }
    Map<String, String> ms = new TreeMap<>();
    headers.forEach((k, v) -> {
      String n = k.toLowerCase(Locale.ROOT);
      if (n.startsWith("x-ms-")) {
        ms.put(n, v.trim().replaceAll("\\s+", " "));
      }
    });
    ms.forEach((k, v) -> b.append(k).append(':').append(v).append('\n'));
    b.append('/').append(account).append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    Map<String, List<String>> query = new TreeMap<>();
    if (uri.getRawQuery() != null) {
      for (String p : uri.getRawQuery().split("&")) {
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        String name = decode(eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(p.substring(eq + 1)));
      }
    }
    query.forEach((name, values) -> {
      values.sort(null);
      b.append('\n').append(name).append(':').append(String.join(",", values));
    });
    return b.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Signed with api's own HMAC-SHA256: the first request does not wait for the JCA providers. */
  private String signature(String toSign) {
    return Base64.getEncoder().encodeToString(HmacSha256.hmac(key, toSign.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "SharedKey[" + account + "]"; // never the key
  }
}
