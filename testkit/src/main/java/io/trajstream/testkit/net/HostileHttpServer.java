package io.trajstream.testkit.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, to show how an HTTP client copes with
 * a hostile or broken server. It is written on raw sockets so that it can break the framing a
 * well-behaved server library would enforce. Objects are placed with {@link #put} (bytes) or
 * {@link #putPattern} (any length, generated on the fly from {@link #patternByte}, so a 300 MB
 * object costs no memory); the {@link Mode} says how GETs are answered. Every request is recorded
 * ({@link #requests()}), and the body bytes sent are counted ({@link #bodyBytesSent()}), so a test
 * can show that a client aborted a body instead of draining it.
 *
 * <p>In {@link Mode#HONEST} it answers HEAD and single-range GETs with {@code Content-Range}, a
 * strong ETag and Last-Modified, honours {@code If-Match} (412 when it fails) and keeps connections
 * alive. With {@link #startTls} it speaks HTTPS (see {@link SelfSignedTls}).
 */
public final class HostileHttpServer implements Closeable {
  /** How GET requests are answered (HEAD is answered honestly unless a mode says otherwise). */
  public enum Mode {
    /** Ranges, Content-Range, ETag, If-Match, keep-alive: a correct static server. */
    HONEST,
    /** Every GET gets 200 and the whole object, whatever its Range. */
    IGNORES_RANGE,
    /** A 206 of the length asked for, but of bytes from 0, with a Content-Range that says so. */
    WRONG_CONTENT_RANGE,
    /** Correct headers, then the body one byte per {@link #trickleMillis(long)} interval. */
    TRICKLE,
    /** Correct headers and the first 5 body bytes, then silence with the connection held open. */
    STALL,
    /** 200, no Content-Length, {@code Connection: close}, and object bytes followed by more, forever. */
    ENDLESS,
    /** 206 with the right Content-Range but no Content-Length, and bytes past the range, forever. */
    ENDLESS_PARTIAL,
    /** HEAD and GET say {@code Content-Length: }{@link #hugeLength(long)}, send the real body, close. */
    HUGE_CONTENT_LENGTH,
    /** HEAD and GET say {@code Content-Length: -5}, send the real body, close. */
    NEGATIVE_CONTENT_LENGTH,
    /** Every request gets 302 to {@link #redirectTo(URI)} with the same path and query. */
    REDIRECT,
    /** Honest, but after the first GET the object changes (new bytes, new ETag). */
    CHANGES_WHILE_READING
  }

  /**
   * One request as received: method, raw target (path and query), headers with lower-case names,
   * and when its head arrived ({@link System#nanoTime()}).
   */
  public record RecordedRequest(String method, String target, Map<String, String> headers, long receivedNanos) {
    /** The raw path, without the query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query, or null. */
    public String query() {
      int q = target.indexOf('?');
      return q < 0 ? null : target.substring(q + 1);
    }

    /** A header's value, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private interface Content {
    long length();

    void write(OutputStream out, long from, long count, HostileHttpServer counter) throws IOException;

    String etag();
  }

  private record Bytes(byte[] data, String etag) implements Content {
    @Override
    public long length() {
      return data.length;
    }

    @Override
    public void write(OutputStream out, long from, long count, HostileHttpServer s) throws IOException {
      out.write(data, (int) from, (int) count);
      s.bodyBytes.addAndGet(count);
    }
  }

  private record Generated(long length, String etag) implements Content {
    @Override
    public void write(OutputStream out, long from, long count, HostileHttpServer s) throws IOException {
      writePattern(out, from, count, s);
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final String LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT";

  private final ServerSocket socket;
  private final boolean tls;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-http");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, Content> objects = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong bodyBytes = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cannedLeft = new AtomicInteger();
  private final AtomicBoolean changed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Mode mode = Mode.HONEST;
  private volatile long trickleMillis = 100;
  private volatile long hugeLength = 2_147_483_000L;
  private volatile int cannedStatus;
  private volatile String[] cannedHeaders = {};
  private volatile URI redirectTarget;

  private HostileHttpServer(ServerSocket socket, boolean tls) {
    this.socket = socket;
    this.tls = tls;
    pool.execute(this::acceptLoop);
  }

  /** Starts a plain HTTP server on 127.0.0.1 in {@link Mode#HONEST}. */
  public static HostileHttpServer start() throws IOException {
    return new HostileHttpServer(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()), false);
  }

  /** Starts an HTTPS server on 127.0.0.1 with the key of {@code serverContext}. */
  public static HostileHttpServer startTls(SSLContext serverContext) throws IOException {
    return new HostileHttpServer(
        serverContext.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getLoopbackAddress()), true);
  }

  /** {@code http://127.0.0.1:port/} (or {@code https://localhost:port/} for TLS, matching the certificate). */
  public URI uri() {
    return URI.create((tls ? "https://localhost:" : "http://127.0.0.1:") + socket.getLocalPort() + "/");
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return socket.getLocalPort();
  }

  /** Places {@code data} at {@code path} (decoded, e.g. {@code /dir with space/x.bin}). */
  public HostileHttpServer put(String path, byte[] data) {
    objects.put(path, new Bytes(data.clone(), "\"v1-" + Integer.toHexString(java.util.Arrays.hashCode(data)) + "\""));
    return this;
  }

  /** Places a generated object of {@code length} bytes at {@code path}; byte {@code i} is {@link #patternByte}(i). */
  public HostileHttpServer putPattern(String path, long length) {
    objects.put(path, new Generated(length, "\"gen-" + length + "\""));
    return this;
  }

  /** Byte {@code offset} of every generated object (and of the bytes {@link Mode#ENDLESS} sends past the end). */
  public static byte patternByte(long offset) {
    return (byte) (offset * 31 + (offset >>> 8) * 7 + (offset >>> 16));
  }

  /** Sets how GETs are answered from now on. */
  public HostileHttpServer mode(Mode m) {
    this.mode = m;
    return this;
  }

  /** The interval between bytes in {@link Mode#TRICKLE} (default 100 ms). */
  public HostileHttpServer trickleMillis(long ms) {
    this.trickleMillis = ms;
    return this;
  }

  /** The length {@link Mode#HUGE_CONTENT_LENGTH} claims (default 2,147,483,000). */
  public HostileHttpServer hugeLength(long n) {
    this.hugeLength = n;
    return this;
  }

  /**
   * The next {@code times} requests, whatever the mode, get {@code status} with {@code headers}
   * (e.g. {@code "Retry-After: 1"}) and an empty body; then the mode applies again.
   */
  public HostileHttpServer answerNext(int times, int status, String... headers) {
    this.cannedStatus = status;
    this.cannedHeaders = headers.clone();
    this.cannedLeft.set(times);
    return this;
  }

  /** The next {@code times} requests get 503 with {@code Retry-After: value} (seconds or an HTTP date). */
  public HostileHttpServer retryAfter(int times, String value) {
    return answerNext(times, 503, "Retry-After: " + value);
  }

  /** Switches to {@link Mode#REDIRECT}: 302 to {@code base} with the request's path and query. */
  public HostileHttpServer redirectTo(URI base) {
    this.redirectTarget = base;
    this.mode = Mode.REDIRECT;
    return this;
  }

  /** The requests received so far, in order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Body bytes written to clients so far (headers not counted). */
  public long bodyBytesSent() {
    return bodyBytes.get();
  }

  /** Connections accepted so far (TLS: handshakes attempted). */
  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!closed.get()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        open.add(s);
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
      } catch (RuntimeException e) {
        return; // pool shut down
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed.get()) {
        RecordedRequest req = readRequest(in);
        if (req == null) {
          return;
        }
        requests.add(req);
        if (!answer(req, in, out)) {
          return;
        }
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client went away (often on purpose: an aborted body)
    } finally {
      open.remove(s);
    }
  }

  private static RecordedRequest readRequest(InputStream in) throws IOException {
    String line = readLine(in);
    while (line != null && line.isEmpty()) {
      line = readLine(in);
    }
    if (line == null) {
      return null;
    }
    String[] parts = line.split(" ");
    if (parts.length < 3) {
      throw new IOException("bad request line");
    }
    Map<String, String> headers = new TreeMap<>();
    String h;
    while ((h = readLine(in)) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
    }
    return new RecordedRequest(parts[0], parts[1], Collections.unmodifiableMap(headers), System.nanoTime());
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
      if (b.size() > 65536) {
        throw new IOException("header line too long");
      }
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Answers one request; false when the connection must close. */
  private boolean answer(RecordedRequest req, InputStream in, OutputStream out) throws IOException {
    Mode m = mode;
    if (cannedLeft.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
      String[] h = java.util.Arrays.copyOf(cannedHeaders, cannedHeaders.length + 1);
      h[h.length - 1] = "Content-Length: 0";
      head(out, cannedStatus, "Canned", h);
      return true;
    }
    if (m == Mode.REDIRECT) {
      String location = redirectTarget.resolve(req.target().startsWith("/") ? req.target().substring(1) : req.target()).toString();
      head(out, 302, "Found", "Location: " + location, "Content-Length: 0");
      return true;
    }
    Content c = lookup(req.path());
    if (c == null) {
      head(out, 404, "Not Found", "Content-Length: 0");
      return true;
    }
    boolean isHead = req.method().equals("HEAD");
    if (m == Mode.HUGE_CONTENT_LENGTH || m == Mode.NEGATIVE_CONTENT_LENGTH) {
      long claimed = m == Mode.HUGE_CONTENT_LENGTH ? hugeLength : -5;
      head(out, 200, "OK", "Content-Length: " + claimed, "Connection: close");
      if (!isHead) {
        c.write(out, 0, c.length(), this);
      }
      return false;
    }
    if (isHead) {
      head(out, 200, "OK", "Content-Length: " + c.length(), "ETag: " + c.etag(), "Last-Modified: " + LAST_MODIFIED,
          "Accept-Ranges: bytes");
      return true;
    }
    if (!req.method().equals("GET")) {
      head(out, 405, "Method Not Allowed", "Content-Length: 0");
      return true;
    }
    String ifMatch = req.header("If-Match");
    if (ifMatch != null && !ifMatch.equals(c.etag()) && !ifMatch.equals("*")) {
      head(out, 412, "Precondition Failed", "Content-Length: 0");
      return true;
    }
    if (m == Mode.CHANGES_WHILE_READING && changed.compareAndSet(false, true)) {
      serveHonest(req, c, out);
      String path = decode(req.path());
      byte[] next = new byte[(int) Math.min(c.length(), Integer.MAX_VALUE)];
      for (int i = 0; i < next.length; i++) {
        next[i] = (byte) ~patternByte(i);
      }
      objects.put(path, new Bytes(next, "\"v2-changed\""));
      return true;
    }
    switch (m) {
      case IGNORES_RANGE -> {
        head(out, 200, "OK", "Content-Length: " + c.length(), "ETag: " + c.etag());
        c.write(out, 0, c.length(), this);
        return true;
      }
      case ENDLESS -> {
        head(out, 200, "OK", "Connection: close");
        writeForever(out, 0);
        return false;
      }
      default -> {
        // range-based modes below
      }
    }
    long[] range = range(req, c.length());
    if (range == null) {
      head(out, 416, "Range Not Satisfiable", "Content-Range: bytes */" + c.length(), "Content-Length: 0");
      return true;
    }
    long from = range[0];
    long count = range[1];
    boolean ranged = req.header("Range") != null;
    String status = ranged ? "206 Partial Content" : "200 OK";
    String cr = "Content-Range: bytes " + from + "-" + (from + count - 1) + "/" + c.length();
    switch (m) {
      case WRONG_CONTENT_RANGE -> {
        head(out, status, "Content-Range: bytes 0-" + (count - 1) + "/" + c.length(), "Content-Length: " + count,
            "ETag: " + c.etag());
        c.write(out, 0, count, this);
        return true;
      }
      case TRICKLE -> {
        head(out, status, cr, "Content-Length: " + count, "ETag: " + c.etag());
        for (long i = 0; i < count && !closed.get(); i++) {
          c.write(out, from + i, 1, this);
          out.flush();
          sleep(trickleMillis);
        }
        return true;
      }
      case STALL -> {
        head(out, status, cr, "Content-Length: " + count, "ETag: " + c.etag());
        c.write(out, from, Math.min(5, count), this);
        out.flush();
        while (!closed.get() && in.read() >= 0) {
          // hold the connection open until the client gives up
        }
        return false;
      }
      case ENDLESS_PARTIAL -> {
        head(out, status, cr, "Connection: close", "ETag: " + c.etag());
        writeForever(out, from);
        return false;
      }
      default -> {
        serveHonest(req, c, out);
        return true;
      }
    }
  }

  private void serveHonest(RecordedRequest req, Content c, OutputStream out) throws IOException {
    long[] range = range(req, c.length());
    if (range == null) {
      head(out, 416, "Range Not Satisfiable", "Content-Range: bytes */" + c.length(), "Content-Length: 0");
      return;
    }
    boolean ranged = req.header("Range") != null;
    String validators = "ETag: " + c.etag();
    if (ranged) {
      head(out, "206 Partial Content", "Content-Range: bytes " + range[0] + "-" + (range[0] + range[1] - 1) + "/" + c.length(),
          "Content-Length: " + range[1], validators, "Last-Modified: " + LAST_MODIFIED);
    } else {
      head(out, "200 OK", "Content-Length: " + range[1], validators, "Last-Modified: " + LAST_MODIFIED);
    }
    c.write(out, range[0], range[1], this);
  }

  /** {from, count} of the request's range (the whole object without one), or null when unsatisfiable. */
  private static long[] range(RecordedRequest req, long length) {
    String r = req.header("Range");
    if (r == null) {
      return new long[] {0, length};
    }
    Matcher m = RANGE.matcher(r.trim());
    if (!m.matches()) {
      return new long[] {0, length};
    }
    long from = Long.parseLong(m.group(1));
    long to = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
    if (from >= length || to < from) {
      return null;
    }
    return new long[] {from, to - from + 1};
  }

  private Content lookup(String rawPath) {
    return objects.get(decode(rawPath));
  }

  private static String decode(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }

  private void writeForever(OutputStream out, long from) throws IOException {
    long at = from;
    while (!closed.get()) {
      writePattern(out, at, 64 * 1024, this);
      at += 64 * 1024;
    }
  }

  private static void writePattern(OutputStream out, long from, long count, HostileHttpServer s) throws IOException {
    byte[] buf = new byte[(int) Math.min(count, 64 * 1024)];
    long done = 0;
    while (done < count) {
      int n = (int) Math.min(buf.length, count - done);
      for (int i = 0; i < n; i++) {
        buf[i] = patternByte(from + done + i);
      }
      out.write(buf, 0, n);
      s.bodyBytes.addAndGet(n);
      done += n;
    }
  }

  private static void head(OutputStream out, int status, String reason, String... headers) throws IOException {
    head(out, status + " " + reason, headers);
  }

  private static void head(OutputStream out, String status, String... headers) throws IOException {
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
