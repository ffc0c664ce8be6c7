package io.trajstream.azure;

/** Reads the total length from an HTTP {@code Content-Range} header ({@code bytes 0-99/1000}). */
final class ContentRange {
  private ContentRange() {}

  /** The total after the slash, or -1 when the header is absent, unknown ({@code *}) or malformed. */
  static long total(String header) {
    if (header == null) {
      return -1;
    }
    int slash = header.lastIndexOf('/');
    if (slash < 0 || slash == header.length() - 1) {
      return -1;
    }
    try {
      return Long.parseLong(header.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
