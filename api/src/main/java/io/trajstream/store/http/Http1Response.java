package io.trajstream.store.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response of {@link Http1Client}: status, headers and a body framed as the headers say
 * ({@code Content-Length}, chunked, or up to the end of the connection). Closing it after the body
 * has been read to its end keeps the connection for the next request; closing it earlier, or
 * {@link #abort()} from any thread, closes the connection, so no byte beyond what was read is
 * fetched.
 */
public final class Http1Response implements AutoCloseable {
  /** Longest status or header line accepted. */
  public static final int MAX_LINE = 16 * 1024;
  /** Most header bytes accepted in one response. */
  public static final int MAX_HEADER_BYTES = 256 * 1024;

  private final Http1Client client;
  private final String origin;
  private final Http1Connection connection;
  private final int status;
  private final HttpHeaders headers;
  private final Body body;
  private final boolean keepAlive;
  private volatile boolean closed;

  private Http1Response(Http1Client client, String origin, Http1Connection connection, int status,
      HttpHeaders headers, Body body, boolean keepAlive) {
    this.client = client;
    this.origin = origin;
    this.connection = connection;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.keepAlive = keepAlive;
  }

  /**
   * Reads the status line and headers from {@code c} (skipping interim 1xx answers); null when the
   * connection ended before any byte of an answer.
   */
  static Http1Response read(Http1Client client, String origin, Http1Connection c, boolean head) throws IOException {
    InputStream in = c.in();
    c.answerStarted(false);
    int[] budget = {MAX_HEADER_BYTES};
    while (true) {
      String statusLine = line(in, budget, true);
      if (statusLine == null) {
        return null;
      }
      c.answerStarted(true);
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
        throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad status code in: " + printable(statusLine));
      }
      Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String h; !(h = line(in, budget, false)).isEmpty(); ) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("bad header line: " + printable(h));
        }
        fields.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
      }
      if (status >= 100 && status < 200) {
        continue; // interim answer: the real one follows
      }
      HttpHeaders headers = HttpHeaders.of(fields, (k, v) -> true);
      boolean http10 = statusLine.startsWith("HTTP/1.0");
      String connection = headers.firstValue("Connection").orElse("").toLowerCase(Locale.ROOT);
      boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
      Body body;
      String te = headers.firstValue("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT);
      long length = contentLength(headers);
      if (head || status == 204 || status == 304) {
        body = new Body(in, 0, false);
      } else if (te.contains("chunked")) {
        body = new Body(in, -1, true);
      } else if (length >= 0) {
        body = new Body(in, length, false);
      } else {
        body = new Body(in, -1, false);
        keepAlive = false;
      }
      return new Http1Response(client, origin, c, status, headers, body, keepAlive);
    }
  }

  private static long contentLength(HttpHeaders headers) {
    List<String> values = headers.allValues("Content-Length");
    if (values.size() != 1) {
      return -1; // none, or several (the caller's own check names the problem)
    }
    try {
      long n = Long.parseLong(values.get(0).trim());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One CRLF- (or LF-) ended line in ISO-8859-1; null at the end of the stream before any byte when {@code first}. */
  private static String line(InputStream in, int[] budget, boolean first) throws IOException {
    StringBuilder b = new StringBuilder(64);
    while (true) {
      int ch = in.read();
      if (ch < 0) {
        if (first && b.length() == 0) {
          return null;
        }
        throw new EOFException("the connection ended inside the response headers");
      }
      if (--budget[0] < 0) {
        throw new ProtocolException("response headers longer than " + MAX_HEADER_BYTES + " bytes");
      }
      if (ch == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      if (b.length() >= MAX_LINE) {
        throw new ProtocolException("a response header line longer than " + MAX_LINE + " bytes");
      }
      b.append((char) ch);
    }
  }

  private static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  public int status() {
    return status;
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The body; reads block the calling thread, each wait limited by the connection's time-out. */
  public InputStream body() {
    return body;
  }

  /** Sets how long each wait for body bytes may take. */
  public void bodyTimeout(java.time.Duration timeout) throws IOException {
    connection.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
  }

  /** Ends the exchange now, from any thread: the connection is closed and a blocked read fails. */
  public void abort() {
    closed = true;
    connection.close();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (keepAlive && body.ended()) {
      client.release(origin, connection);
    } else {
      connection.close();
    }
  }

  /** A body as the headers frame it: {@code length} bytes, chunks, or (length -1) up to the end of the connection. */
  private static final class Body extends InputStream {
    private final InputStream in;
    private final boolean chunked;
    private long remaining; // of the body (fixed length) or of the current chunk (chunked); -1 unknown
    private boolean ended;
    private boolean broken;

    Body(InputStream in, long length, boolean chunked) {
      this.in = in;
      this.chunked = chunked;
      this.remaining = chunked ? 0 : length;
      this.ended = !chunked && length == 0;
    }

    /** Whether the body was read to its framed end (the connection can carry another exchange). */
    boolean ended() {
      return ended && !broken;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (ended || broken) {
        return -1;
      }
      if (chunked && remaining == 0 && !nextChunk()) {
        return -1;
      }
      int want = remaining < 0 ? len : (int) Math.min(len, remaining);
      int n = in.read(b, off, want);
      if (n < 0) {
        if (remaining < 0) {
          ended = true; // a close-delimited body ends with the connection
        } else {
          broken = true; // cut short: the caller sees fewer bytes than framed
        }
        return -1;
      }
      if (remaining > 0) {
        remaining -= n;
        if (remaining == 0 && !chunked) {
          ended = true;
        }
      }
      return n;
    }

    /** Moves to the next chunk; false at the last (empty) chunk, after its trailers. */
    private boolean nextChunk() throws IOException {
      int[] budget = {MAX_HEADER_BYTES};
      if (sawChunk) {
        String crlf = line(in, budget, false);
        if (!crlf.isEmpty()) {
          broken = true;
          throw new ProtocolException("chunk data not followed by a line end");
        }
      }
      String size = line(in, budget, false);
      int semi = size.indexOf(';');
      String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
      long n;
      try {
        n = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        broken = true;
        throw new ProtocolException("bad chunk size: " + printable(size));
      }
      if (n < 0) {
        broken = true;
        throw new ProtocolException("bad chunk size: " + printable(size));
      }
      sawChunk = true;
      if (n == 0) {
        while (!line(in, budget, false).isEmpty()) {
          // trailers: not used
        }
        ended = true;
        return false;
      }
      remaining = n;
      return true;
    }

    private boolean sawChunk;

    @Override
    public int available() throws IOException {
      if (ended || broken) {
        return 0;
      }
      int a = in.available();
      return remaining < 0 ? a : (int) Math.min(a, remaining);
    }

    @Override
    public void close() {
      // the response decides, on close, whether the connection is kept
    }
  }
}
