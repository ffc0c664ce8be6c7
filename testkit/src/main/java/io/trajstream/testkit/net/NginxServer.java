package io.trajstream.testkit.net;

import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx serving a directory as plain static files on 127.0.0.1, the way a web server or an
 * S3 website endpoint hosts a trajectory: ranged GETs and HEADs work, a directory is refused (403,
 * no listing), a missing file is 404, and a directory named without its trailing slash is
 * redirected (301) to it. Each server runs in the foreground ({@code daemon off}) from a private
 * prefix directory with a generated configuration, and {@link #close()} stops it and deletes the
 * prefix.
 *
 * <p>{@link #start(Path)} skips the calling test when nginx is not installed (Debian package
 * {@code nginx-light}), or fails it under CI ({@code CI=true}). Set {@code TRAJSTREAM_NGINX} to use
 * another binary.
 */
public final class NginxServer implements AutoCloseable {
  private static final List<String> CANDIDATES = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx");

  private final Process process;
  private final Path prefix;
  private final int port;

  private NginxServer(Process process, Path prefix, int port) {
    this.process = process;
    this.prefix = prefix;
    this.port = port;
  }

  /** The nginx binary, if one is installed. */
  public static Optional<Path> binary() {
    String env = System.getenv("TRAJSTREAM_NGINX");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    for (String c : CANDIDATES) {
      if (Files.isExecutable(Path.of(c))) {
        return Optional.of(Path.of(c));
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "nginx");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts nginx serving {@code root} on a free port of 127.0.0.1; skips the test (fails it under
   * CI) when nginx is missing.
   */
  public static NginxServer start(Path root) throws IOException {
    Optional<Path> nginx = binary();
    if (nginx.isEmpty()) {
      TestEnvironment.missing("nginx is not installed (apt-get install nginx-light), so the static-hosting test cannot run");
    }
    IOException last = null;
    // a port found free may be taken before nginx binds it: try a few
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return start(nginx.get(), root.toAbsolutePath().normalize(), freePort());
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static NginxServer start(Path nginx, Path root, int port) throws IOException {
    Path prefix = Files.createTempDirectory("trajstream-nginx");
    Files.createDirectories(prefix.resolve("temp"));
    Path conf = prefix.resolve("nginx.conf");
    Path errorLog = prefix.resolve("error.log");
    Files.writeString(conf, config(prefix, root, port, buildOptions(nginx)), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", conf.toString(), "-e", errorLog.toString())
        .redirectErrorStream(true)
        .redirectOutput(prefix.resolve("stdout.log").toFile())
        .start();
    NginxServer server = new NginxServer(p, prefix, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      if (!p.isAlive()) {
        String log = read(errorLog) + read(prefix.resolve("stdout.log"));
        server.deletePrefix();
        throw new IOException("nginx exited with " + p.exitValue() + " on port " + port + ": " + log.strip());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return server;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          server.close();
          throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 20 s: " + read(errorLog).strip());
        }
        sleep(20);
      }
    }
  }

  /** What {@code nginx -V} says about the build (which modules it was built without). */
  private static String buildOptions(Path nginx) throws IOException {
    TestEnvironment.ProcessResult r = TestEnvironment.run(List.of(nginx.toString(), "-V"), null);
    return r.stdout() + r.stderr();
  }

  private static String config(Path prefix, Path root, int port, String buildOptions) {
    String temp = prefix.resolve("temp").toString();
    // every temporary directory goes below the prefix: the built-in ones are not writable by all
    StringBuilder temps = new StringBuilder("  client_body_temp_path " + temp + "/body;\n");
    for (String module : List.of("proxy", "fastcgi", "uwsgi", "scgi")) {
      if (!buildOptions.contains("--without-http_" + module + "_module")) {
        temps.append("  ").append(module).append("_temp_path ").append(temp).append('/').append(module).append(";\n");
      }
    }
    return String.join("\n",
        "daemon off;",
        "master_process off;",
        "worker_processes 1;",
        "pid " + prefix.resolve("nginx.pid") + ";",
        "events { worker_connections 128; }",
        "http {",
        "  access_log off;",
        temps.toString(),
        "  default_type application/octet-stream;",
        "  types { application/json json; }",
        "  sendfile on;",
        "  keepalive_requests 10000;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    server_name localhost;",
        "    root " + root + ";",
        "    autoindex off;",
        "    location / { }",
        "  }",
        "}",
        "");
  }

  /** The port nginx listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT/}: the served directory's root URL. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The URL of {@code path} (relative to the served directory). */
  public String url(String path) {
    return baseUri() + path;
  }

  /** Stops nginx and deletes its prefix directory (not the served one). */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deletePrefix();
  }

  private void deletePrefix() throws IOException {
    try (Stream<Path> s = Files.walk(prefix)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
