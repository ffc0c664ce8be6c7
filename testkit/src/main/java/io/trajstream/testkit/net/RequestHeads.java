package io.trajstream.testkit.net;

import java.util.Locale;

/**
 * Counts the HTTP/1.1 requests in one connection's client-to-server bytes, as they pass: each
 * request head (up to its empty line) counts once and its body ({@code Content-Length} bytes) is
 * skipped. A chunked request body, or a head longer than 64 KiB, ends the counting on that
 * connection (read benchmarks send neither); {@link #lost()} says so.
 */
final class RequestHeads {
  private static final int HEAD_LIMIT = 64 * 1024;
  private final Runnable onRequest;
  private final StringBuilder head = new StringBuilder();
  private long bodyLeft;
  private int last4;
  private boolean lost;

  /** {@code onRequest} runs once per request head seen. */
  RequestHeads(Runnable onRequest) {
    this.onRequest = onRequest;
  }

  /** Follows {@code b[0, n)}, the next bytes the client sent. */
  void accept(byte[] b, int n) {
    int i = 0;
    while (i < n && !lost) {
      if (bodyLeft > 0) {
        int skip = (int) Math.min(bodyLeft, n - i);
        bodyLeft -= skip;
        i += skip;
        continue;
      }
      int c = b[i++] & 0xff;
      if (head.length() == 0 && (c == '\r' || c == '\n')) {
        continue; // line ends between requests
      }
      head.append((char) c);
      last4 = (last4 << 8) | c;
      if (last4 == 0x0d0a0d0a) {
        onRequest.run();
        bodyLeft = bodyLength(head);
        head.setLength(0);
        last4 = 0;
      } else if (head.length() > HEAD_LIMIT) {
        lost = true;
      }
    }
  }

  /** Whether counting stopped on this connection (a chunked body or an over-long head). */
  boolean lost() {
    return lost;
  }

  private long bodyLength(CharSequence h) {
    long length = 0;
    for (String line : h.toString().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          lost = true;
        }
      } else if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity")) {
        lost = true;
      }
    }
    return Math.max(0, length);
  }
}
