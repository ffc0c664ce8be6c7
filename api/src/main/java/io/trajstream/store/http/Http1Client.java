package io.trajstream.store.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small blocking HTTP/1.1 client for stores that speak HTTP: one request at a time per connection,
 * idle connections kept per origin for the next request, response bodies read by the calling
 * thread straight into the caller's buffer.
 *
 * <p>Why not the JDK's {@code java.net.http} client: it hands every 16 KiB of a body from its
 * selector thread to the reader through queues and futures, which cost about a second of CPU per
 * 60 MB in a short-lived process, as much as decoding the data; on a machine with few cores the
 * link then waits for the CPU. Blocking reads cost a fraction of that.
 *
 * <p>What it does: {@code Content-Length}, chunked and close-delimited bodies, HEAD, TLS with host
 * name checking (the JDK's default trust, or a given {@link SSLContext}, set up only when an
 * {@code https:} URL is first used), a connect timeout and a time limit on each wait for bytes. A
 * request on a kept-alive connection that the server had closed in the meantime is sent once more
 * on a new one (nothing of it was answered). It never follows redirects, never sends a request
 * body, and takes no proxy.
 */
public final class Http1Client {
  /** Idle connections kept per origin. */
  public static final int MAX_IDLE_PER_ORIGIN = 64;

  private final Duration connectTimeout;
  private final SSLContext ssl;
  private final Map<String, Deque<Http1Connection>> idle = new HashMap<>();
  private volatile SSLContext tls;

  /** A client connecting within {@code connectTimeout}, trusting what {@code ssl} trusts (null: the JDK's defaults). */
  public Http1Client(Duration connectTimeout, SSLContext ssl) {
    this.connectTimeout = connectTimeout;
    this.ssl = ssl;
  }

  /**
   * Sends {@code method} to {@code uri} with {@code headers} and reads the status line and headers,
   * waiting at most {@code headerTimeout} for each arrival of bytes; the body is left to read.
   */
  public Http1Response send(URI uri, String method, Map<String, String> headers, Duration headerTimeout) throws IOException {
    String origin = origin(uri);
    byte[] request = request(uri, method, headers);
    for (int attempt = 0; ; attempt++) {
      Http1Connection c = attempt == 0 ? takeIdle(origin) : null;
      boolean reused = c != null;
      if (c == null) {
        c = open(uri);
      }
      Http1Response r;
      try {
        c.socket().setSoTimeout(timeoutMillis(headerTimeout));
        c.out().write(request);
        c.out().flush();
        r = Http1Response.read(this, origin, c, method.equals("HEAD"));
      } catch (IOException e) {
        c.close();
        if (reused && !c.answerStarted()) {
          continue; // a kept-alive connection the server had closed: once more on a new one
        }
        throw e;
      }
      if (r != null) {
        return r;
      }
      c.close();
      if (!reused) {
        throw new java.io.EOFException("the server closed the connection without answering");
      }
    }
  }

  private static int timeoutMillis(Duration d) {
    long ms = d.toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  private static String origin(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static byte[] request(URI uri, String method, Map<String, String> headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    StringBuilder b = new StringBuilder(256);
    b.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    String host = uri.getHost();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    b.append("Host: ").append(host);
    if (uri.getPort() >= 0) {
      b.append(':').append(uri.getPort());
    }
    b.append("\r\nUser-Agent: trajstream\r\nAccept: */*\r\n");
    headers.forEach((k, v) -> {
      if (k.indexOf('\r') >= 0 || k.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a line break in the header " + k);
      }
      b.append(k).append(": ").append(v).append("\r\n");
    });
    b.append("\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Http1Connection open(URI uri) throws IOException {
    String host = uri.getHost();
    int port = port(uri);
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), timeoutMillis(connectTimeout));
      if ("https".equalsIgnoreCase(uri.getScheme())) {
        SSLSocket t = (SSLSocket) tls().getSocketFactory().createSocket(s, host, port, true);
        SSLParameters p = t.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        t.setSSLParameters(p);
        t.setSoTimeout(timeoutMillis(connectTimeout));
        t.startHandshake();
        s = t;
      }
      return new Http1Connection(s);
    } catch (IOException | RuntimeException e) {
      try {
        s.close();
      } catch (IOException ignored) {
        // the failure to connect is what the caller needs
      }
      throw e;
    }
  }

  private SSLContext tls() throws IOException {
    SSLContext c = tls;
    if (c == null) {
      try {
        tls = c = ssl != null ? ssl : SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IOException("no TLS available: " + e.getMessage(), e);
      }
    }
    return c;
  }

  private synchronized Http1Connection takeIdle(String origin) {
    Deque<Http1Connection> q = idle.get(origin);
    while (q != null && !q.isEmpty()) {
      Http1Connection c = q.pollLast();
      if (!c.socket().isClosed()) {
        return c;
      }
    }
    return null;
  }

  /** Keeps {@code c}, whose last response was read to its end, for the next request to {@code origin}. */
  synchronized void release(String origin, Http1Connection c) {
    Deque<Http1Connection> q = idle.computeIfAbsent(origin, o -> new ArrayDeque<>());
    if (q.size() >= MAX_IDLE_PER_ORIGIN) {
      c.close();
    } else {
      q.addLast(c);
    }
  }

  /** Closes every idle connection. */
  public synchronized void close() {
    for (Deque<Http1Connection> q : idle.values()) {
      q.forEach(Http1Connection::close);
    }
    idle.clear();
  }
}
