package io.trajstream.h5md;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/** A loopback HTTP server for the files of one directory: HEAD and single ranged GETs. Tests only. */
final class RangeServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;

  RangeServer(Path root) throws IOException {
    this.root = root;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Path p = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      if (!p.startsWith(root) || !Files.isRegularFile(p)) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] all = Files.readAllBytes(p);
      if ("HEAD".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Content-Length", Long.toString(all.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      int from = 0;
      int to = all.length - 1;
      int status = 200;
      if (range != null && range.startsWith("bytes=")) {
        String[] ab = range.substring(6).split("-");
        from = Integer.parseInt(ab[0]);
        to = ab.length > 1 && !ab[1].isEmpty() ? Math.min(all.length - 1, Integer.parseInt(ab[1])) : all.length - 1;
        if (from >= all.length) {
          ex.sendResponseHeaders(416, -1);
          return;
        }
        status = 206;
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + all.length);
      }
      ex.sendResponseHeaders(status, to - from + 1);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(all, from, to - from + 1);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
