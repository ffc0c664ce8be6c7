package io.trajstream.benchmarks.sampling;

import io.trajstream.analysis.sample.Batch;
import io.trajstream.analysis.sample.FrameSampler;
import io.trajstream.benchmarks.ByteRate;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.s3.S3ProxyServer;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Frames per second and bytes fetched per epoch when a training loop samples frames from S3 over a
 * modelled wide-area link: an embedded S3Proxy behind a {@link FaultProxy} (one-way delay, a cap
 * shared by all connections, a cap per connection) holding a run in several zarrmd parts, read as
 * one trajectory through a key pattern. Three ways to visit every frame once: {@link FrameSampler}
 * in file order, {@link FrameSampler} in a random chunk-aware order, and naive random reads of one
 * frame at a time (each fetching the whole chunk that holds the frame; timed over a sample of the
 * frames, as it is slow).
 *
 * <p>Usage: {@code SamplingOverLink [--parts 3] [--frames 200] [--atoms 2000] [--chunk-frames 10]
 * [--delay-ms 25] [--bandwidth 100MB] [--per-connection 25MB] [--threads 8] [--window 4]
 * [--read-ahead 16] [--naive-frames 120] [--repeat 2]}. Prints one line per way.
 */
public final class SamplingOverLink {
  private SamplingOverLink() {}

  public static void main(String[] args) throws Exception {
    int parts = 3;
    int frames = 200;
    int atoms = 2000;
    int chunk = 10;
    long delayMs = 25;
    long shared = ByteRate.parse("100MB");
    long perConnection = ByteRate.parse("25MB");
    int threads = 8;
    int window = 4;
    int readAhead = 16;
    int naiveFrames = 120;
    int repeat = 2;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--parts" -> parts = Integer.parseInt(v);
        case "--frames" -> frames = Integer.parseInt(v);
        case "--atoms" -> atoms = Integer.parseInt(v);
        case "--chunk-frames" -> chunk = Integer.parseInt(v);
        case "--delay-ms" -> delayMs = Long.parseLong(v);
        case "--bandwidth" -> shared = ByteRate.parse(v);
        case "--per-connection" -> perConnection = ByteRate.parse(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--window" -> window = Integer.parseInt(v);
        case "--read-ahead" -> readAhead = Integer.parseInt(v);
        case "--naive-frames" -> naiveFrames = Integer.parseInt(v);
        case "--repeat" -> repeat = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("sampling-bench");
    for (int p = 0; p < parts; p++) {
      SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(p + 1)
          .fields(EnumSet.of(Field.POSITION)).build();
      t.writeTo(new ZarrmdFormat(), new FileStore(dir), "run.part" + (p + 1) + ".zarrmd",
          WriteOptions.defaults().with("chunk-frames", Integer.toString(chunk)), 50);
    }
    try (S3ProxyServer s3 = S3ProxyServer.withAuthentication()) {
      String root = "s3://" + S3ProxyServer.BUCKET + "/";
      long stored = 0;
      try (Store direct = new S3StoreFactory().create(URI.create(root), s3.config());
          Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          StoreFixtures.upload(p, direct, p.getFileName().toString());
        }
        try (Stream<StoreEntry> all = direct.list("")) {
          stored = all.mapToLong(StoreEntry::length).sum();
        }
      }
      try (FaultProxy link = FaultProxy.start(s3.port(), 256)) {
        link.setDelay(Duration.ofMillis(delayMs)).setBandwidth(shared).setConnectionBandwidth(perConnection);
        StoreConfig config = StoreConfig.of(s3.options(link.uri()));
        List<MeteredStore> stores = new CopyOnWriteArrayList<>();
        TrajStream ts = TrajStream.create().withStoreDecorator(s -> {
          MeteredStore m = new MeteredStore(s);
          stores.add(m);
          return m;
        });
        System.out.printf(Locale.ROOT, "link: %d ms one way, %s shared, %s per connection; %d parts x %d frames x %d atoms,"
                + " %d-frame chunks, %d bytes stored; %d threads, window %d chunks, read-ahead %d chunks%n",
            delayMs, shared + " B/s", perConnection + " B/s", parts, frames, atoms, chunk, stored,
            threads, window, readAhead);
        try (TrajectoryReader reader = ts.open(List.of(root + "run.part*.zarrmd"), config, ReadOptions.defaults(), false)) {
          for (int rep = 0; rep < repeat; rep++) {
          System.out.println(rep == 0 ? "-- first round (connections and code warming up)" : "-- round " + (rep + 1));
          for (boolean shuffle : new boolean[] {false, true}) {
            long before = fetched(stores);
            long t0 = System.nanoTime();
            long n = 0;
            try (FrameSampler s = FrameSampler.builder(List.of(reader)).batchSize(32).seed(7).shuffle(shuffle)
                .windowChunks(window).readAheadChunks(readAhead).ioThreads(threads).build()) {
              for (Batch b : s.epoch(0)) {
                n += b.frames();
              }
            }
            report(shuffle ? "sampler, random chunk-aware order" : "sampler, file order", n, t0,
                fetched(stores) - before, stored);
          }
          int total = reader.info().frames();
          int[] order = permutation(total, 7);
          int m = Math.min(naiveFrames, total);
          long before = fetched(stores);
          long t0 = System.nanoTime();
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          AtomicInteger next = new AtomicInteger();
          List<Future<?>> fs = new ArrayList<>();
          for (int k = 0; k < threads; k++) {
            fs.add(pool.submit(() -> {
              for (int i = next.getAndIncrement(); i < m; i = next.getAndIncrement()) {
                reader.read(FrameRange.single(order[i]), AtomSelection.all(), EnumSet.of(Field.POSITION));
              }
              return null;
            }));
          }
          for (Future<?> f : fs) {
            f.get();
          }
          pool.shutdown();
          long bytes = fetched(stores) - before;
          // bytes per epoch extrapolated from the frames read
          report("naive random frame reads (" + m + " of " + total + " frames, " + threads + " threads)", m, t0,
              (long) ((double) bytes * total / m), stored);
          }
        }
      }
    }
  }

  private static void report(String what, long frames, long t0, long bytes, long stored) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%-60s %8.1f frames/s  %.3f x stored bytes per epoch  (%d frames in %.2f s)%n",
        what, frames / s, (double) bytes / stored, frames, s);
  }

  private static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static long fetched(List<MeteredStore> stores) {
    long b = 0;
    for (MeteredStore s : stores) {
      b += s.bytes(MeteredStore.Operation.GET);
    }
    return b;
  }
}
