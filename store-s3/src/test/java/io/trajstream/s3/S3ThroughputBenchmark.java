package io.trajstream.s3;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Aggregate throughput of concurrent ranged GETs from an embedded S3Proxy through a {@link
 * FaultProxy} link with a one-way delay and a bandwidth cap, as a share of the cap. A program, not
 * a test: run its {@code main} with the test classpath.
 *
 * <p>Arguments (all optional): {@code requests} (16), {@code MiB per request} (8), {@code one-way
 * delay ms} (25), {@code cap MB/s} (100, 10^6 bytes), {@code rounds} (5).
 */
public final class S3ThroughputBenchmark {
  private S3ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int delayMs = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    long capMBps = args.length > 3 ? Long.parseLong(args[3]) : 100;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    int size = mib * 1024 * 1024;
    long cap = capMBps * 1_000_000L;

    byte[] data = new byte[requests * size];
    new Random(1).nextBytes(data);
    try (S3ProxyServer server = S3ProxyServer.withAuthentication()) {
      String root = "s3://" + S3ProxyServer.BUCKET + "/bench/";
      try (Store direct = new S3StoreFactory().create(URI.create(root), server.config())) {
        direct.write("blob.bin", data);
      }
      ExecutorService pool = Executors.newFixedThreadPool(requests);
      try (FaultProxy link = FaultProxy.start(server.port(), 2 * requests)) {
        // Baseline: the same reads through the proxy with no delay and no cap.
        double[] open = run(server, link, root, data, requests, size, rounds, pool);
        link.setDelay(Duration.ofMillis(delayMs)).setBandwidth(cap);
        double[] shaped = run(server, link, root, data, requests, size, rounds, pool);
        System.out.printf("%d concurrent ranged GETs of %d MiB (%d MiB total), %d rounds after a warm-up%n",
            requests, mib, requests * mib, rounds);
        System.out.printf("no delay, no cap:          median %.1f MB/s (rounds: %s)%n", median(open), fmt(open));
        System.out.printf("%d ms one-way, %d MB/s cap: median %.1f MB/s = %.1f%% of the cap (rounds: %s)%n",
            delayMs, capMBps, median(shaped), 100 * median(shaped) * 1e6 / cap, fmt(shaped));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One warm-up round then {@code rounds} timed rounds; returns MB/s (10^6 bytes) per round. */
  private static double[] run(S3ProxyServer server, FaultProxy link, String root, byte[] data, int requests,
      int size, int rounds, ExecutorService pool) throws Exception {
    Map<String, String> m = new TreeMap<>(server.options(link.uri()));
    m.put("s3.max-connections", String.valueOf(2 * requests));
    double[] out = new double[rounds];
    try (Store store = new S3StoreFactory().create(URI.create(root), StoreConfig.of(m));
        StoreInput in = store.newInput("blob.bin", data.length)) {
      for (int r = -1; r < rounds; r++) {
        long t0 = System.nanoTime();
        List<Future<ByteBuffer>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
          long off = (long) i * size;
          futures.add(pool.submit(() -> in.read(off, size)));
        }
        List<ByteBuffer> got = new ArrayList<>();
        for (Future<ByteBuffer> f : futures) {
          got.add(f.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < requests; i++) {
          if (!got.get(i).equals(ByteBuffer.wrap(data, i * size, size))) {
            throw new IllegalStateException("wrong bytes in request " + i);
          }
        }
        if (r >= 0) {
          out[r] = (double) requests * size / seconds / 1e6;
        }
      }
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double d : v) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.1f", d));
    }
    return sb.toString();
  }
}
