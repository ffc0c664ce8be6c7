package io.trajstream.store.http;

import java.nio.charset.StandardCharsets;

/**
 * Object names as the object stores' REST APIs want them in a URL path: the UTF-8 bytes, every one
 * but the unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) percent-encoded in upper-case hex.
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  /** {@code s} as one path segment: {@code /} is encoded too (Azure blob names, GCS object names). */
  public static String segment(String s) {
    return encode(s, false);
  }

  /** {@code s} as a path: {@code /} is kept (S3 keys, as SigV4 canonicalises them). */
  public static String path(String s) {
    return encode(s, true);
  }

  private static String encode(String s, boolean keepSlash) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 16);
    for (byte x : bytes) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~' || (keepSlash && c == '/')) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }
}
