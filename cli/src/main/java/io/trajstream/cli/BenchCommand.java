package io.trajstream.cli;

import io.trajstream.benchmarks.ByteRate;
import io.trajstream.benchmarks.Compression;
import io.trajstream.benchmarks.DatasetSpec;
import io.trajstream.benchmarks.DatasetWriter;
import io.trajstream.benchmarks.ExistingTrajectorySweep;
import io.trajstream.benchmarks.PartSize;
import io.trajstream.benchmarks.ReadRecommendation;
import io.trajstream.benchmarks.ReadSweepPoint;
import io.trajstream.benchmarks.ReadSweepSettings;
import io.trajstream.benchmarks.ReadSweepTable;
import io.trajstream.benchmarks.Recommendation;
import io.trajstream.benchmarks.SweepPoint;
import io.trajstream.benchmarks.SweepSettings;
import io.trajstream.benchmarks.SweepTable;
import io.trajstream.benchmarks.ThroughputChart;
import io.trajstream.benchmarks.ThroughputSweep;
import io.trajstream.format.FormatException;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.runtime.UrlSecrets;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream bench}: a short read-throughput measurement with a table, a PNG plot and a
 * recommendation. On an existing trajectory (a web server, a bucket the user may only read) it
 * reads, never writes: every combination of compute threads, I/O threads and part size, through
 * {@link ExistingTrajectorySweep}. On a writable location without a trajectory, or on a synthetic
 * in-memory store, it sweeps chunk length × threads with {@link ThroughputSweep}. The measuring
 * lives in module benchmarks, shared with the JMH benchmarks.
 */
@Command(name = "bench",
    description = {"Measure read throughput on a store and recommend settings.",
        "If URL is an existing trajectory (e.g. https://… or a bucket you may only read), it is only read: full reads of its "
            + "positions with each combination of --threads, --io-threads and --part-size (comma-separated lists; part sizes "
            + "default to 2MB,8MB,32MB,none), as 'analyze' reads.",
        "Otherwise URL is a writable location (directory or prefix): synthetic trajectories are written below it, read "
            + "with each --chunk-frames and --threads, and deleted afterwards."})
final class BenchCommand implements Callable<Integer> {
  /** Part sizes an existing trajectory is read with when --part-size is not given. */
  static final String DEFAULT_PART_SIZES = "2MB,8MB,32MB,none";
  private static final List<String> SYNTHETIC_ONLY = List.of("--chunk-frames", "--atoms", "--format", "--compressor");
  private static final List<String> EXISTING_ONLY = List.of("--io-threads", "--part-size");

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
      description = "An existing trajectory to measure read-only, or a writable location, e.g. s3://bucket/scratch/.")
  String url;

  @Option(names = "--synthetic", description = "Measure an in-memory store (add --latency-ms and --bandwidth to simulate a network).")
  boolean synthetic;

  @Option(names = "--chunk-frames", split = ",", paramLabel = "K", defaultValue = "1,10,100,auto",
      description = "Synthetic: frames per chunk to try; 'auto' is the writer's 12 MiB default (default: ${DEFAULT-VALUE}).")
  List<String> chunkFrames;

  @Option(names = "--threads", split = ",", paramLabel = "N",
      description = "Thread counts to try: concurrent chunk reads of a synthetic sweep (default: 1,2,4,8,16), "
          + "compute threads on an existing trajectory (default: available processors).")
  List<Integer> threads;

  @Option(names = "--io-threads", split = ",", paramLabel = "N", defaultValue = "1,4,16",
      description = "Existing trajectory: I/O threads reading ahead of the compute to try (default: ${DEFAULT-VALUE}).")
  List<Integer> ioThreads;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Simulated one-way delay added to each request (default: none).")
  int latencyMs;

  @Option(names = "--bandwidth", defaultValue = "0", paramLabel = "RATE",
      description = "Simulated bandwidth cap shared by all requests, e.g. 100MB (per second; default: none).")
  String bandwidth;

  @Option(names = "--atoms", defaultValue = "2000", description = "Synthetic: atoms of the trajectory (default: ${DEFAULT-VALUE}).")
  int atoms;

  @Option(names = "--frames", paramLabel = "N",
      description = "Synthetic: frames of the trajectory (default: 300); existing trajectory: read at most its first N frames (default: all).")
  Integer frames;

  @Option(names = "--format", defaultValue = "zarrmd", description = "Synthetic: zarrmd or h5md (h5md needs Python with h5py; default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--compressor", defaultValue = "blosc-lz4", description = "Synthetic: none, gzip, blosc-lz4 or blosc-zstd (default: ${DEFAULT-VALUE}).")
  String compressor;

  @Option(names = "--repeats", defaultValue = "2", description = "Reads per cell after one warm-up read; the best counts (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the throughput plot here.")
  Path plot;

  @Option(names = "--out", paramLabel = "FILE.md", description = "Write the table (markdown) here as well.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (synthetic == (url != null)) {
      throw new ParameterException(spec.commandLine(), "give a URL or --synthetic (one of them)");
    }
    TrajStream ts = CommandPlugins.trajStream();
    if (!synthetic) {
      Found found = findTrajectory(ts, url);
      if (found != null) {
        try (Store store = found.store()) {
          return measureExisting(found);
        }
      }
    }
    rejectGiven(EXISTING_ONLY, "URL names no existing trajectory (they apply to reading one)");
    int frameCount = frames == null ? 300 : frames;
    SweepSettings s = new SweepSettings(chunkFrames, threads == null ? List.of(1, 2, 4, 8, 16) : threads, atoms,
        frameCount, format, Compression.parse(compressor), repeats, Duration.ofMillis(latencyMs), ByteRate.parse(bandwidth), 42);
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String runName = "trajstream-bench-" + UUID.randomUUID().toString().substring(0, 8);
    Path scratch = Files.createTempDirectory("trajstream-bench");
    ThroughputSweep sweep = new ThroughputSweep(ts.format(s.format()), DatasetWriter.withDefaultPython(), scratch);
    ThroughputSweep.Listener progress = new ThroughputSweep.Listener() {
      @Override
      public void writing(DatasetSpec d) {
        err.printf(Locale.ROOT, "writing %d frames x %d atoms, %d frames per chunk, %s ...%n", d.frames(), d.atoms(),
            d.chunkFrames(), d.compression().label());
      }

      @Override
      public void measured(SweepPoint p) {
        err.printf(Locale.ROOT, "  %d thread%s: %.1f MB/s%n", p.threads(), p.threads() == 1 ? "" : "s", p.megabytesPerSecond());
      }
    };
    List<SweepPoint> points;
    String where;
    try (Store store = synthetic ? new MemoryStore("mem://bench/") : ts.openStore(StoreUrl.parse(dirOf(url) + runName), common.storeConfig())) {
      if (!store.capabilities().writable()) {
        throw new StoreException(UrlSecrets.redact(url), "no trajectory here to measure, and the store is "
            + "read-only, so no synthetic one can be written below it: give the URL of a trajectory, or a writable location");
      }
      where = synthetic ? "memory" : UrlSecrets.redact(dirOf(url));
      points = sweep.run(store, synthetic ? "" : runName + "/", s, progress);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(scratch);
    }
    String title = String.format(Locale.ROOT, "%s: %s %s, %d atoms x %d frames%s", where, s.format(),
        s.compression().label(), atoms, frameCount, network(s.bandwidth()));
    report(o, title, SweepTable.markdown(points), Recommendation.from(points).describe(),
        ThroughputChart.byThreads(points), "frames per chunk");
    return 0;
  }

  /** An existing trajectory: its store (owned by the caller), where it is, its format and what it holds. */
  private record Found(Store store, StoreUrl url, TrajectoryFormat format, TrajectoryInfo info) {}

  /**
   * The trajectory {@code url} names, or null when there is none: a URL that names no object, or an
   * object no format recognises, or one whose extension names a format but that does not exist.
   * Any other failure (access denied, a damaged file) is the answer, never a reason to write there.
   */
  private Found findTrajectory(TrajStream ts, String url) throws IOException {
    StoreUrl u;
    try {
      u = StoreUrl.parse(url);
    } catch (IllegalArgumentException e) {
      return null; // e.g. s3://bucket/: a location, not an object
    }
    Store store = ts.openStore(u, common.storeConfig());
    try {
      TrajectoryFormat f;
      try {
        f = ts.detect(store, u);
      } catch (FileNotFoundException | FormatException nothingThere) {
        store.close();
        return null;
      }
      ExistingTrajectorySweep probe = new ExistingTrajectorySweep(store, u.key(), f, common.readOptions(null));
      TrajectoryInfo info;
      try {
        info = probe.info();
      } catch (FileNotFoundException absent) {
        store.close();
        return null;
      }
      return new Found(store, u, f, info);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Reads {@code t} with every combination of threads, I/O threads and part size; writes nothing to its store. */
  private int measureExisting(Found t) throws IOException {
    rejectGiven(SYNTHETIC_ONLY, "URL is an existing trajectory (they describe the synthetic one)");
    List<PartSize> parts = PartSize.parseList(common.partSize == null ? DEFAULT_PART_SIZES : common.partSize);
    int limit = frames == null ? 0 : frames;
    ReadSweepSettings s = new ReadSweepSettings(threads == null ? List.of(Runtime.getRuntime().availableProcessors()) : threads,
        ioThreads, parts, limit, repeats, Duration.ofMillis(latencyMs), ByteRate.parse(bandwidth));
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String where = UrlSecrets.redact(url);
    int total = t.info().frames();
    int read = limit > 0 ? Math.min(limit, total) : total;
    err.printf(Locale.ROOT, "reading %s (%s, %d atoms, %d of %d frames) in %d settings, read only ...%n", where,
        t.format().name(), t.info().atoms(), read, total, s.cells());
    ExistingTrajectorySweep sweep = new ExistingTrajectorySweep(t.store(), t.url().key(), t.format(), common.readOptions(null));
    List<ReadSweepPoint> points = sweep.run(s, p -> err.printf(Locale.ROOT,
        "  %d thread%s, %d io thread%s, part size %s: %.1f MB/s%n", p.threads(), p.threads() == 1 ? "" : "s",
        p.ioThreads(), p.ioThreads() == 1 ? "" : "s", p.partSize().label(), p.megabytesPerSecond()));
    String title = String.format(Locale.ROOT, "%s: %s, %d atoms x %d frames%s, read only%s", where, t.format().name(),
        t.info().atoms(), read, read < total ? " (of " + total + ")" : "", network(s.bandwidth()));
    String table = ReadSweepTable.markdown(points);
    ReadRecommendation rec = ReadRecommendation.from(points);
    report(o, title, table, rec.describe(where), ThroughputChart.byIoThreads(points), "I/O threads");
    return 0;
  }

  /** Prints (and writes, when asked) the title, table and recommendation, and plots the series. */
  private void report(PrintWriter o, String title, String table, String recommendation,
      Map<String, SortedMap<Integer, Double>> series, String xTitle) throws IOException {
    o.println(title);
    o.println();
    o.print(table);
    o.println();
    o.println(recommendation);
    if (out != null) {
      Files.writeString(out, "### " + title + "\n\n" + table + "\n" + recommendation + "\n", StandardCharsets.UTF_8);
    }
    if (plot != null) {
      ThroughputChart.write(plot, title, xTitle, series);
      o.println("plot: " + plot);
    }
    o.flush();
  }

  /** The simulated network, for titles; empty when there is none. */
  private String network(long bytesPerSecond) {
    return latencyMs > 0 || bytesPerSecond > 0
        ? String.format(Locale.ROOT, ", simulated %d ms one way, %s", latencyMs, bytesPerSecond > 0 ? bytesPerSecond / 1e6 + " MB/s" : "no cap")
        : "";
  }

  /** A usage error when any of {@code options} was given on the command line. */
  private void rejectGiven(List<String> options, String why) {
    var parsed = spec.commandLine().getParseResult();
    List<String> given = options.stream().filter(parsed::hasMatchedOption).toList();
    if (!given.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join(", ", given) + ": not used here: " + why);
    }
  }

  /** {@code url} as a directory ending in '/'. */
  private static String dirOf(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
