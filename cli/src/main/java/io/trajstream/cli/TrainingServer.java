package io.trajstream.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server of one directory's files for {@link StartupTraining}, so that the remote read
 * paths (the HTTP store, and the S3 store's client with path-style requests) are in the class-data
 * archives too: {@code GET} and {@code HEAD} of {@code /NAME} and {@code /BUCKET/NAME}, one byte
 * range per request, with length, ETag and last-modified. Requests are not authenticated; it only
 * ever serves the build's training files, on 127.0.0.1, while the training runs.
 */
final class TrainingServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final HttpServer server;
  private final Path dir;

  TrainingServer(Path dir) throws IOException {
    this.dir = dir;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "training-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** The server's root URL, ending in a slash. */
  String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      Path file = dir.resolve(path.substring(path.lastIndexOf('/') + 1));
      boolean head = x.getRequestMethod().equals("HEAD");
      if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      long from = 0;
      long to = size - 1;
      String range = x.getRequestHeaders().getFirst("Range");
      Matcher m = range == null ? null : RANGE.matcher(range.trim());
      boolean partial = m != null && m.matches();
      if (partial) {
        from = Long.parseLong(m.group(1));
        to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        if (from >= size) {
          x.getResponseHeaders().set("Content-Range", "bytes */" + size);
          x.sendResponseHeaders(416, -1);
          return;
        }
        x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
      }
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      x.getResponseHeaders().set("ETag", "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"");
      x.getResponseHeaders().set("Last-Modified",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
      x.getResponseHeaders().set("Accept-Ranges", "bytes");
      x.getResponseHeaders().set("Content-Type", "application/octet-stream");
      long length = to - from + 1;
      if (head) {
        x.getResponseHeaders().set("Content-Length", Long.toString(length));
        x.sendResponseHeaders(partial ? 206 : 200, -1);
        return;
      }
      x.sendResponseHeaders(partial ? 206 : 200, length);
      byte[] buf = new byte[64 * 1024];
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r"); OutputStream out = x.getResponseBody()) {
        f.seek(from);
        for (long left = length; left > 0; ) {
          int n = f.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
