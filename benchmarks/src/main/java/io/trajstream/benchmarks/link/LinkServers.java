package io.trajstream.benchmarks.link;

import io.trajstream.benchmarks.ByteRate;
import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.Store;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Servers behind a modelled wide-area link, for whole-process measurements of the command: an
 * embedded S3Proxy (SigV4 checked) holding every file below a directory, and optionally a static
 * HTTP server already running on loopback (e.g. nginx), each behind its own {@link FaultProxy} with
 * a one-way delay, a bandwidth cap shared by all connections and a cap per connection.
 *
 * <p>Usage: {@code LinkServers DIR [--delay-ms 25] [--bandwidth 100MB] [--per-connection 25MB]
 * [--http-port PORT]}. It prints one {@code s3 ROOT OPTION...} line (storage options for the
 * command), an {@code http ROOT} line when {@code --http-port} is given, then {@code ready}. Each
 * line read from standard input ({@code stats}) is answered with the bytes and connections each
 * proxy has carried so far; end of input stops everything.
 */
public final class LinkServers {
  private LinkServers() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long delayMs = 25;
    long shared = ByteRate.parse("100MB");
    long perConnection = ByteRate.parse("25MB");
    int httpPort = 0;
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--delay-ms" -> delayMs = Long.parseLong(args[i + 1]);
        case "--bandwidth" -> shared = ByteRate.parse(args[i + 1]);
        case "--per-connection" -> perConnection = ByteRate.parse(args[i + 1]);
        case "--http-port" -> httpPort = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<AutoCloseable> open = new ArrayList<>();
    try {
      S3ProxyServer s3 = S3ProxyServer.withAuthentication();
      open.add(s3);
      String root = "s3://" + S3ProxyServer.BUCKET + "/";
      try (Store direct = new S3StoreFactory().create(URI.create(root), s3.config());
          Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          StoreFixtures.upload(p, direct, p.getFileName().toString());
        }
      }
      FaultProxy s3Link = link(FaultProxy.start(s3.port(), 256), delayMs, shared, perConnection);
      open.add(0, s3Link);
      StringBuilder line = new StringBuilder("s3 " + root);
      for (Map.Entry<String, String> e : s3.options(s3Link.uri()).entrySet()) {
        line.append(" --storage-option ").append(e.getKey()).append('=').append(e.getValue());
      }
      System.out.println(line);
      FaultProxy httpLink = null;
      if (httpPort > 0) {
        httpLink = link(FaultProxy.start(httpPort, 256), delayMs, shared, perConnection);
        open.add(0, httpLink);
        System.out.println("http " + httpLink.uri() + "/");
      }
      System.out.println("ready");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String cmd = in.readLine(); cmd != null; cmd = in.readLine()) {
        System.out.println(stats("s3", s3Link) + (httpLink == null ? "" : " " + stats("http", httpLink)));
        System.out.flush();
      }
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
  }

  private static FaultProxy link(FaultProxy p, long delayMs, long shared, long perConnection) {
    p.setDelay(Duration.ofMillis(delayMs)).setBandwidth(shared).setConnectionBandwidth(perConnection);
    return p;
  }

  private static String stats(String name, FaultProxy p) {
    return String.format(Locale.ROOT, "%s_bytes=%d %s_connections=%d %s_requests=%d", name, p.bytesToClient(), name,
        p.connections(), name, p.requests());
  }
}
