package io.trajstream.cli;

import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.select.Selection;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.format.Options;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream demo}: writes a synthetic trajectory into a local directory (zarrmd, or the
 * first writable format when zarrmd is absent), reopens it through a simulated cloud link
 * ({@link LatencyStore}: one-way latency and a shared bandwidth cap), runs rmsd and rg with progress
 * bars, writes their JSON and PNG, and prints a summary with frames per second.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Write a synthetic trajectory, read it back over a simulated cloud link and analyse it.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "Output directory (default: trajstream-demo).")
  Path dir = Path.of("trajstream-demo");

  @Option(names = "--atoms", paramLabel = "N", description = "Atoms (default 3000; the first quarter form a chain).")
  int atoms = 3000;

  @Option(names = "--frames", paramLabel = "N", description = "Frames (default 1000).")
  int frames = 1000;

  @Option(names = "--chunk-frames", paramLabel = "N", description = "Frames per storage chunk (default 50).")
  int chunkFrames = 50;

  @Option(names = "--format", paramLabel = "NAME", description = "Format to write (default zarrmd).")
  String format = "zarrmd";

  @Option(names = "--latency-ms", paramLabel = "MS", description = "Simulated one-way latency (default 25).")
  long latencyMs = 25;

  @Option(names = "--bandwidth", paramLabel = "BYTES", description = "Simulated bandwidth per second (default 100MB).")
  String bandwidth = "100MB";

  @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: available processors).")
  Integer threads;

  @Option(names = "--io-threads", paramLabel = "N", description = "I/O threads (default 8).")
  int ioThreads = 8;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (atoms < 2 || frames < 1 || chunkFrames < 1) {
      throw new IllegalArgumentException("--atoms must be >= 2, --frames and --chunk-frames >= 1");
    }
    long bytesPerSecond = Options.parseBytes("--bandwidth", bandwidth);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = quiet ? null : spec.commandLine().getErr();
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(42).build();

    TrajStream local = CommandPlugins.trajStream();
    TrajectoryFormat writer = chooseFormat(local);
    Files.createDirectories(dir);
    String name = "demo" + writer.extensions().stream().findFirst().orElse("." + writer.name());
    Path target = dir.resolve(name);
    long t0 = System.nanoTime();
    WriteOptions wo = WriteOptions.defaults().with("chunk-frames", Integer.toString(chunkFrames));
    try (TrajectoryWriter w = local.create(target.toString(), StoreConfig.empty(), writer.name(), synthetic.info(), wo)) {
      for (int s = 0; s < frames; s += chunkFrames) {
        FrameBlock b = synthetic.block(s, Math.min(frames, s + chunkFrames));
        w.append(b);
      }
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;

    List<MeteredStore> meters = new ArrayList<>();
    TrajStream remote = CommandPlugins.trajStream().withStoreDecorator(s -> {
      MeteredStore m = new MeteredStore(s);
      meters.add(m);
      return new LatencyStore(m, Duration.ofMillis(latencyMs), bytesPerSecond);
    });
    String chain = "index 0:" + (synthetic.chainAtoms() - 1);
    List<String> lines = new ArrayList<>();
    try (TrajectoryReader reader = remote.open(target.toString(), StoreConfig.empty())) {
      for (String analysis : List.of("rmsd", "rg")) {
        long before = bytes(meters);
        long requestsBefore = requests(meters);
        RunOptions.Builder o = RunOptions.builder().ioThreads(ioThreads)
            .atoms(Selection.parse(chain).toAtomSelection(atoms, null))
            .bytesRead(() -> bytes(meters) - before);
        if (threads != null) {
          o.threads(threads);
        }
        long t = System.nanoTime();
        AnalysisResult r = (AnalysisResult) AnalyzeCommand.runWithProgress(reader,
            remote.analysis(analysis).create(AnalysisParams.empty()), o, analysis, err);
        double seconds = (System.nanoTime() - t) / 1e9;
        AnalyzeCommand.write(r, dir.resolve(analysis + ".json"), out);
        AnalyzeCommand.plot(r, dir.resolve(analysis + ".png"));
        lines.add(String.format(Locale.ROOT, "  %-4s %d frames in %.2f s = %.0f frames/s, %.1f MB in %d requests -> %s, %s",
            analysis, r.size(), seconds, r.size() / seconds, (bytes(meters) - before) / 1e6,
            requests(meters) - requestsBefore, dir.resolve(analysis + ".json"), dir.resolve(analysis + ".png")));
      }
    }
    out.printf(Locale.ROOT, "demo: %d atoms x %d frames (%.1f MB of positions) written as %s to %s in %.2f s%n",
        atoms, frames, atoms * (double) frames * 12 / 1e6, writer.name(), target, writeSeconds);
    out.printf(Locale.ROOT, "read back through a simulated cloud link (%d ms one-way, %s/s), selection \"%s\":%n",
        latencyMs, bandwidth, chain);
    lines.forEach(out::println);
    out.flush();
    return 0;
  }

  private TrajectoryFormat chooseFormat(TrajStream ts) {
    for (TrajectoryFormat f : ts.formats()) {
      if (f.name().equals(format) && f.canWrite()) {
        return f;
      }
    }
    for (TrajectoryFormat f : ts.formats()) {
      if (f.canWrite()) {
        spec.commandLine().getErr().println("trajstream demo: format " + format + " cannot write here; using " + f.name());
        return f;
      }
    }
    throw new IllegalStateException("no installed format can write (add trajstream-format-zarrmd)");
  }

  private static long bytes(List<MeteredStore> meters) {
    return meters.stream().mapToLong(m -> m.bytes(MeteredStore.Operation.GET)).sum();
  }

  private static long requests(List<MeteredStore> meters) {
    return meters.stream().mapToLong(MeteredStore::totalRequests).sum();
  }

}
