package io.trajstream.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as URLs need it, applied once: text a user typed keeps its valid {@code %XX}
 * escapes and only characters a URL cannot hold (spaces, non-ASCII, a {@code %} that starts no
 * escape) are encoded, so {@code my%20dir} stays {@code my%20dir}; store keys, which are plain text,
 * are encoded whole.
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final String UNRESERVED_MARKS = "-._~";
  private static final String SUB_DELIMS = "!$&'()*+,;=";

  private PercentEncoding() {}

  /** A URL path as typed: valid escapes kept, characters a path cannot hold encoded. */
  static String path(String typed) {
    return keepingEscapes(typed, SUB_DELIMS + ":@/");
  }

  /** A URL query as typed: valid escapes kept, characters a query cannot hold encoded. */
  static String query(String typed) {
    return keepingEscapes(typed, SUB_DELIMS + ":@/?");
  }

  /** A URL user-info as typed: valid escapes kept, other characters it cannot hold encoded. */
  static String userInfo(String typed) {
    return keepingEscapes(typed, SUB_DELIMS + ":");
  }

  /**
   * A store key as the path below a URL's directory: every character but unreserved ones and
   * {@code /} encoded (a {@code %} in a key is a percent sign, not an escape).
   */
  static String key(String key) {
    StringBuilder b = new StringBuilder(key.length() + 16);
    for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (x >= 0 && (isUnreserved(c) || c == '/')) {
        b.append(c);
      } else {
        escape(b, x);
      }
    }
    return b.toString();
  }

  /** Decodes valid {@code %XX} escapes (UTF-8); a {@code %} that starts no escape stays as it is. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
        out.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String keepingEscapes(String typed, String allowed) {
    StringBuilder b = new StringBuilder(typed.length() + 16);
    int i = 0;
    while (i < typed.length()) {
      char c = typed.charAt(i);
      if (c == '%' && i + 2 < typed.length() && isHex(typed.charAt(i + 1)) && isHex(typed.charAt(i + 2))) {
        b.append(typed, i, i + 3);
        i += 3;
        continue;
      }
      if (c < 0x80 && (isUnreserved(c) || allowed.indexOf(c) >= 0)) {
        b.append(c);
        i++;
        continue;
      }
      int cp = typed.codePointAt(i);
      for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        escape(b, x);
      }
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static void escape(StringBuilder b, byte x) {
    b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || UNRESERVED_MARKS.indexOf(c) >= 0;
  }

  private static boolean isHex(int c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
