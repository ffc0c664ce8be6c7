package io.trajstream.cli;

import io.trajstream.benchmarks.ByteRate;
import io.trajstream.benchmarks.Compression;
import io.trajstream.benchmarks.DatasetSpec;
import io.trajstream.benchmarks.DatasetWriter;
import io.trajstream.benchmarks.Recommendation;
import io.trajstream.benchmarks.SweepPoint;
import io.trajstream.benchmarks.SweepSettings;
import io.trajstream.benchmarks.SweepTable;
import io.trajstream.benchmarks.ThroughputChart;
import io.trajstream.benchmarks.ThroughputSweep;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream bench}: a short read-throughput sweep (chunk length × threads) on the user's
 * own store, or on a synthetic in-memory one, with a table, a PNG plot and a recommendation. The
 * measuring lives in {@link ThroughputSweep} (module benchmarks), shared with the JMH benchmarks.
 */
@Command(name = "bench",
    description = {"Measure full-read throughput against chunk length and thread count on a store, and recommend both.",
        "URL is a writable location (directory or prefix); synthetic trajectories are written below it and deleted afterwards."})
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Writable location to measure, e.g. s3://bucket/scratch/.")
  String url;

  @Option(names = "--synthetic", description = "Measure an in-memory store (add --latency-ms and --bandwidth to simulate a network).")
  boolean synthetic;

  @Option(names = "--chunk-frames", split = ",", paramLabel = "K", defaultValue = "1,10,100,auto",
      description = "Frames per chunk to try; 'auto' is the writer's 12 MiB default (default: ${DEFAULT-VALUE}).")
  List<String> chunkFrames;

  @Option(names = "--threads", split = ",", paramLabel = "N", defaultValue = "1,2,4,8,16",
      description = "Concurrent chunk reads to try (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Simulated one-way delay added to each request (default: none).")
  int latencyMs;

  @Option(names = "--bandwidth", defaultValue = "0", paramLabel = "RATE",
      description = "Simulated bandwidth cap shared by all requests, e.g. 100MB (per second; default: none).")
  String bandwidth;

  @Option(names = "--atoms", defaultValue = "2000", description = "Atoms of the synthetic trajectory (default: ${DEFAULT-VALUE}).")
  int atoms;

  @Option(names = "--frames", defaultValue = "300", description = "Frames of the synthetic trajectory (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--format", defaultValue = "zarrmd", description = "zarrmd or h5md (h5md needs Python with h5py; default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--compressor", defaultValue = "blosc-lz4", description = "none, gzip, blosc-lz4 or blosc-zstd (default: ${DEFAULT-VALUE}).")
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
    SweepSettings s = new SweepSettings(chunkFrames, threads, atoms, frames, format, Compression.parse(compressor),
        repeats, Duration.ofMillis(latencyMs), ByteRate.parse(bandwidth), 42);
    TrajStream ts = TrajStream.create();
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
      where = synthetic ? "memory" : dirOf(url);
      points = sweep.run(store, synthetic ? "" : runName + "/", s, progress);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(scratch);
    }
    String network = latencyMs > 0 || s.bandwidth() > 0
        ? String.format(Locale.ROOT, ", simulated %d ms one way, %s", latencyMs, s.bandwidth() > 0 ? s.bandwidth() / 1e6 + " MB/s" : "no cap")
        : "";
    String title = String.format(Locale.ROOT, "%s: %s %s, %d atoms x %d frames%s", where, s.format(),
        s.compression().label(), atoms, frames, network);
    String table = SweepTable.markdown(points);
    Recommendation rec = Recommendation.from(points);
    o.println(title);
    o.println();
    o.print(table);
    o.println();
    o.println(rec.describe());
    if (out != null) {
      Files.writeString(out, "### " + title + "\n\n" + table + "\n" + rec.describe() + "\n", StandardCharsets.UTF_8);
    }
    if (plot != null) {
      ThroughputChart.write(plot, title, ThroughputChart.byThreads(points));
      o.println("plot: " + plot);
    }
    o.flush();
    return 0;
  }

  /** {@code url} as a directory ending in '/'. */
  private static String dirOf(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
