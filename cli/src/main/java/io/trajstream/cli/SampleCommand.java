package io.trajstream.cli;

import io.trajstream.analysis.sample.Batch;
import io.trajstream.analysis.sample.FrameSampler;
import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.Units;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream sample URL… --batch 32 --epochs 1 --seed 7 [--out batches.npy]}: frames in
 * shuffled batches, as a model's training loop would take them ({@link FrameSampler}). With {@code
 * --out}, every sampled frame in sampling order into one {@code .npy} (float32, frames × atoms × 3)
 * and their frame ids into {@code NAME.ids.npy} (int64); without it, the throughput and bytes
 * fetched. A progress bar on stderr either way.
 */
@Command(name = "sample", description = "Read frames in shuffled batches (chunk-aware, read ahead) as a training loop would;"
    + " write them as .npy or report throughput.")
final class SampleCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin PartsOptions parts;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "URL",
      description = "Trajectory URL or path; several (or a * in the last path segment) are read as one trajectory.")
  List<String> urls;

  @Option(names = "--select", paramLabel = "SEL", description = "Atoms of each frame (default: all).")
  String select = "all";

  @Option(names = "--topology", paramLabel = "FILE", description = "PDB or GRO topology for name/resname/resid selections.")
  Path topology;

  @Option(names = "--batch", paramLabel = "K", description = "Frames per batch (default 32).")
  int batch = 32;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the frames (default 1).")
  int epochs = 1;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the random order (default 0).")
  long seed;

  @Option(names = "--sequential", description = "File order instead of a random order.")
  boolean sequential;

  @Option(names = "--window", paramLabel = "CHUNKS", description = "Chunks whose frames are shuffled together (default 4).")
  int window = 4;

  @Option(names = "--read-ahead", paramLabel = "CHUNKS", description = "Most chunks held in memory, read ahead (default 8).")
  int readAhead = 8;

  @Option(names = "--io-threads", paramLabel = "N", description = "Threads reading chunks (default 4).")
  int ioThreads = 4;

  @Option(names = "--rank", paramLabel = "R", description = "This worker's rank, with --world-size (default 0).")
  int rank;

  @Option(names = "--world-size", paramLabel = "W", description = "Workers sharing each epoch (default 1).")
  int worldSize = 1;

  @Option(names = "--out", paramLabel = "FILE.npy", description = "Write the sampled frames here (and their ids to FILE.ids.npy).")
  Path out;

  @Option(names = "--units", paramLabel = "native|md", description = "native (the file's units, default) or md (Angstrom).")
  String units = "native";

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    boolean md = UnitsOption.parse(units);
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
    }
    List<MeteredStore> stores = new CopyOnWriteArrayList<>();
    TrajStream ts = CommandPlugins.trajStream().withStoreDecorator(s -> {
      MeteredStore m = new MeteredStore(s);
      stores.add(m);
      return m;
    });
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    try (TrajectoryReader reader = parts.open(ts, urls, common)) {
      TrajectoryInfo info = reader.info();
      Topology top = topology == null ? null : Topology.read(topology);
      AtomSelection atoms = Selection.parse(select).toAtomSelection(info.atoms(), top);
      float factor = md ? (float) Units.factor(Field.POSITION.quantity(), info.unit(Field.POSITION)) : 1f;
      long opened = fetched(stores);
      try (FrameSampler sampler = FrameSampler.builder(List.of(reader)).atoms(atoms).batchSize(batch).seed(seed)
          .shuffle(!sequential).windowChunks(window).readAheadChunks(readAhead).ioThreads(ioThreads)
          .rank(rank, worldSize).build()) {
        long total = 0;
        for (int e = 0; e < epochs; e++) {
          total += sampler.frames(e);
        }
        int n = sampler.atoms();
        long t0 = System.nanoTime();
        long done = 0;
        try (ProgressBars.Frames bar = quiet ? null : ProgressBars.frames(err, "sample", total);
            NpyWriter values = out == null ? null : NpyWriter.float32(out, total, n, 3);
            NpyWriter ids = out == null ? null : NpyWriter.int64(idsFile(out), total)) {
          for (int e = 0; e < epochs; e++) {
            try (FrameSampler.Epoch epoch = sampler.epoch(e)) {
              for (Batch b = epoch.poll(); b != null; b = epoch.poll()) {
                if (values != null) {
                  float[] v = b.values();
                  if (factor != 1f) {
                    for (int i = 0; i < v.length; i++) {
                      v[i] *= factor;
                    }
                  }
                  values.write(v, 0, v.length);
                  ids.write(b.ids());
                }
                done += b.frames();
                if (bar != null) {
                  bar.stepTo(done);
                }
              }
            }
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = fetched(stores) - opened;
        if (out != null) {
          stdout.printf(Locale.ROOT, "wrote %d frames of %d atoms to %s (ids in %s) in %.2f s%n", done, n, out,
              idsFile(out), seconds);
        } else {
          stdout.printf(Locale.ROOT, "sampled %d frames of %d atoms (%d chunks, %d epoch(s), %s order) in %.2f s:"
                  + " %.1f frames/s, %d bytes fetched (%.1f MB/s)%n", done, n, sampler.chunks(), epochs,
              sequential ? "file" : "random", seconds, done / Math.max(seconds, 1e-9), bytes,
              bytes / 1e6 / Math.max(seconds, 1e-9));
        }
        stdout.flush();
      }
    }
    return 0;
  }

  private static long fetched(List<MeteredStore> stores) {
    long b = 0;
    for (MeteredStore s : stores) {
      b += s.bytes(MeteredStore.Operation.GET);
    }
    return b;
  }

  /** {@code batches.npy} → {@code batches.ids.npy}. */
  static Path idsFile(Path out) {
    String name = out.getFileName().toString();
    String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    return out.resolveSibling(stem + ".ids.npy");
  }
}
