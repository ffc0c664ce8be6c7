package io.trajstream.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static file server on 127.0.0.1 that answers HEAD and single-range GETs, for HttpStore tests;
 * optionally it asks for Basic credentials and answers 401 to a request without the right ones.
 */
final class RangeFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final Path dir;
  private final String authorization;
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();

  RangeFileServer(Path dir) throws IOException {
    this(dir, null, null);
  }

  /** A server of {@code dir} that answers only requests carrying Basic {@code user:password}. */
  RangeFileServer(Path dir, String user, String password) throws IOException {
    this.dir = dir;
    this.authorization = user == null ? null : basic(user, password);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The {@code Authorization} header value of Basic {@code user:password}. */
  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      if (failNext.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (authorization != null && !authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"files\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String rawPath = ex.getRequestURI().getRawPath();
      String rel = URLDecoder.decode(rawPath.substring("/files/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
      Path f = dir.resolve(rel).normalize();
      if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] data = Files.readAllBytes(f);
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", Long.toString(data.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range == null) {
        ex.sendResponseHeaders(200, data.length == 0 ? -1 : data.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(data);
        }
        return;
      }
      Matcher m = RANGE.matcher(range);
      if (!m.matches()) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      long from = Long.parseLong(m.group(1));
      long to = Math.min(Long.parseLong(m.group(2)), data.length - 1L);
      if (from >= data.length) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
        ex.sendResponseHeaders(416, -1);
        return;
      }
      int n = (int) (to - from + 1);
      ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
      ex.sendResponseHeaders(206, n);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(data, (int) from, n);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
