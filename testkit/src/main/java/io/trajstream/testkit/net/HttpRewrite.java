package io.trajstream.testkit.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP-aware faults of {@link FaultProxy}: rewriting the {@code Range} header of a connection's
 * first request, and reshaping the head and body framing of its first final response. Works on
 * the raw bytes of one connection, one direction at a time; anything it does not understand (no
 * head end within {@link #HEAD_LIMIT} bytes) is forwarded unchanged.
 */
final class HttpRewrite {
  /** Longest request or response head that is parsed. */
  static final int HEAD_LIMIT = 64 * 1024;

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

  /** What is rewritten. */
  enum Kind {
    /** The request's {@code Range} header is removed: the server sends the whole object. */
    STRIP_RANGE,
    /** The request's {@code Range} is moved to start at 0, keeping its length. */
    SHIFT_RANGE,
    /** The response's body is sent one byte at a time, {@code value} ms apart. */
    TRICKLE,
    /** The response's {@code Content-Length} says {@code value}; the real body follows, then FIN. */
    CONTENT_LENGTH,
    /** The response loses its length, says {@code Connection: close}, and its body never ends. */
    ENDLESS;

    boolean rewritesRequest() {
      return this == STRIP_RANGE || this == SHIFT_RANGE;
    }
  }

  private HttpRewrite() {}

  /** Where the bytes of a rewritten response go. */
  interface Out {
    /** Forwards bytes as they are. */
    void send(byte[] b, int off, int len) throws InterruptedException;

    /** Forwards bytes one at a time, spaced out. */
    void trickle(byte[] b, int off, int len) throws InterruptedException;

    /** Closes the connection (FIN) once everything before has been sent. */
    void close() throws InterruptedException;

    /** Sends filler bytes forever (until the client goes) once everything before has been sent. */
    void endless() throws InterruptedException;
  }

  /** The head's lines, the final empty line left out. */
  private static List<String> lines(byte[] head) {
    String s = new String(head, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>(List.of(s.split("\r\n")));
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static byte[] join(List<String> lines) {
    return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String name(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
  }

  private static String value(String line) {
    return line.substring(line.indexOf(':') + 1).trim();
  }

  /** The request method of a request head ("GET", "HEAD", …). */
  static String method(byte[] head) {
    List<String> l = lines(head);
    if (l.isEmpty()) {
      return "";
    }
    int sp = l.get(0).indexOf(' ');
    return sp < 0 ? l.get(0) : l.get(0).substring(0, sp);
  }

  /**
   * A request head with its {@code Range} (or {@code x-ms-range}, Azure's name for it) removed ({@link Kind#STRIP_RANGE}) or moved to start at 0
   * with the same length ({@link Kind#SHIFT_RANGE}; an open range {@code bytes=a-} becomes {@code
   * bytes=0-}). A head without a single byte range is returned as it is.
   */
  static byte[] rewriteRequest(byte[] head, Kind kind) {
    List<String> l = lines(head);
    boolean changed = false;
    for (int i = 1; i < l.size(); i++) {
      if (!name(l.get(i)).equals("range") && !name(l.get(i)).equals("x-ms-range")) {
        continue;
      }
      if (kind == Kind.STRIP_RANGE) {
        l.remove(i);
        changed = true;
        break;
      }
      Matcher m = RANGE.matcher(value(l.get(i)));
      if (m.matches()) {
        long first = Long.parseLong(m.group(1));
        String shifted = m.group(2).isEmpty() ? "0-" : "0-" + (Long.parseLong(m.group(2)) - first);
        l.set(i, l.get(i).substring(0, l.get(i).indexOf(':') + 1) + " bytes=" + shifted);
        changed = true;
      }
      break;
    }
    return changed ? join(l) : head;
  }

  /**
   * Follows a connection's client-to-server bytes: holds back its first request head, rewrites its
   * {@code Range} as the kind says (or not at all), records its method, then passes everything.
   */
  static final class RequestRewriter {
    private final Kind kind;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private int last4;
    private boolean done;
    private volatile String method;

    RequestRewriter(Kind kind) {
      this.kind = kind;
    }

    /** The first request's method, once its head has passed; else null. */
    String method() {
      return method;
    }

    /** Feeds {@code b[0, n)}; what is to be sent on goes to {@code out}. */
    void accept(byte[] b, int n, Out out) throws InterruptedException {
      int i = 0;
      while (!done && i < n) {
        byte c = b[i++];
        head.write(c);
        last4 = (last4 << 8) | (c & 0xff);
        if (last4 == 0x0d0a0d0a || head.size() >= HEAD_LIMIT) {
          byte[] h = head.toByteArray();
          method = HttpRewrite.method(h);
          byte[] r = kind != null && kind.rewritesRequest() ? rewriteRequest(h, kind) : h;
          out.send(r, 0, r.length);
          done = true;
        }
      }
      if (i < n) {
        out.send(b, i, n - i);
      }
    }
  }

  /**
   * Follows a connection's server-to-client bytes and reshapes its first final response (interim
   * 1xx responses pass unchanged); everything after that response passes unchanged too.
   */
  static final class ResponseRewriter {
    private final Kind kind;
    private final long value;
    private final java.util.function.BooleanSupplier headRequest;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean done;
    private boolean inBody;
    private int last4;
    /** Real body bytes still to come, or -1 when the server did not say (read to its close). */
    private long remaining;

    /**
     * {@code headRequest} tells, once the response's head has come, whether it answers a HEAD
     * request (no body, whatever its length says).
     */
    ResponseRewriter(Kind kind, long value, java.util.function.BooleanSupplier headRequest) {
      this.kind = kind;
      this.value = value;
      this.headRequest = headRequest;
    }

    /** Feeds {@code b[0, n)}; returns true when the rest of the stream must not be read any more. */
    boolean accept(byte[] b, int n, Out out) throws InterruptedException {
      int off = 0;
      while (off < n) {
        if (done) {
          out.send(b, off, n - off);
          return false;
        }
        if (!inBody) {
          int take = takeHead(b, off, n);
          off += take;
          if (!inBody) {
            if (head.size() >= HEAD_LIMIT) {
              flushHeadUnchanged(out);
            }
            continue;
          }
          byte[] h = head.toByteArray();
          head.reset();
          if (isInterim(h)) {
            inBody = false;
            out.send(h, 0, h.length);
            continue;
          }
          if (startBody(h, out)) {
            return true;
          }
          continue;
        }
        int len = remaining < 0 ? n - off : (int) Math.min(n - off, remaining);
        if (kind == Kind.TRICKLE) {
          out.trickle(b, off, len);
        } else {
          out.send(b, off, len);
        }
        off += len;
        if (remaining >= 0) {
          remaining -= len;
          if (remaining == 0 && endOfBody(out)) {
            return true;
          }
        }
      }
      return false;
    }

    /** Moves head bytes from {@code b[off, n)} into {@link #head}; sets {@link #inBody} at its end. */
    private int takeHead(byte[] b, int off, int n) {
      int i = off;
      while (i < n && head.size() < HEAD_LIMIT) {
        byte c = b[i++];
        head.write(c);
        last4 = (last4 << 8) | (c & 0xff);
        if (last4 == 0x0d0a0d0a) {
          last4 = 0;
          inBody = true;
          break;
        }
      }
      return i - off;
    }

    private void flushHeadUnchanged(Out out) throws InterruptedException {
      byte[] h = head.toByteArray();
      head.reset();
      out.send(h, 0, h.length);
      done = true;
    }

    private static boolean isInterim(byte[] h) {
      return h.length > 9 && h[9] == '1';
    }

    /** Sends the (rewritten) head of the final response; returns true when the stream must stop. */
    private boolean startBody(byte[] h, Out out) throws InterruptedException {
      List<String> l = lines(h);
      long declared = -1;
      boolean chunked = false;
      for (int i = 1; i < l.size(); i++) {
        String name = name(l.get(i));
        if (name.equals("content-length")) {
          try {
            declared = Long.parseLong(value(l.get(i)));
          } catch (NumberFormatException e) {
            declared = -1;
          }
        } else if (name.equals("transfer-encoding")) {
          chunked = true;
        }
      }
      int status = status(l.get(0));
      boolean noBody = headRequest.getAsBoolean() || status == 204 || status == 304;
      remaining = noBody ? 0 : chunked ? -1 : declared;
      if (kind == Kind.CONTENT_LENGTH && !chunked) {
        l.removeIf(line -> name(line).equals("content-length") || name(line).equals("connection"));
        l.add("Content-Length: " + value);
        l.add("Connection: close");
      } else if (kind == Kind.ENDLESS && !chunked) {
        l.removeIf(line -> name(line).equals("content-length") || name(line).equals("connection"));
        l.add("Connection: close");
      }
      byte[] rewritten = join(l);
      out.send(rewritten, 0, rewritten.length);
      return remaining == 0 && endOfBody(out);
    }

    /** The real body has been forwarded; returns true when the stream must stop. */
    private boolean endOfBody(Out out) throws InterruptedException {
      done = true;
      switch (kind) {
        case CONTENT_LENGTH -> {
          out.close();
          return true;
        }
        case ENDLESS -> {
          out.endless();
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    private static int status(String statusLine) {
      String[] parts = statusLine.split(" ");
      try {
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }
}
