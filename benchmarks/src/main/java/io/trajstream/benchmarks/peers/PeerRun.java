package io.trajstream.benchmarks.peers;

import io.trajstream.benchmarks.ChunkFrames;
import io.trajstream.benchmarks.Compression;
import io.trajstream.benchmarks.Dataset;
import io.trajstream.benchmarks.DatasetCache;
import io.trajstream.benchmarks.DatasetSpec;
import io.trajstream.benchmarks.DatasetWriter;
import io.trajstream.benchmarks.ReadProbe;
import io.trajstream.benchmarks.RmsdProbe;
import io.trajstream.benchmarks.TrajectoryScan;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TrajStream's side of the peer comparison ({@code benchmarks/peers/run.sh}): writes (or reuses)
 * the H5MD and zarrmd files, times full position reads and RMSD on them from local disk (best of
 * N after a warm-up), and prints JSON with the file paths and the seconds, which {@code peers.py}
 * completes with the Python tools' times on the same files.
 *
 * <p>usage: {@code PeerRun DATA_DIR ATOMS FRAMES CHUNK_FRAMES COMPRESSOR THREADS[,THREADS] REPEATS}
 */
public final class PeerRun {
  private PeerRun() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 7) {
      System.err.println("usage: PeerRun DATA_DIR ATOMS FRAMES CHUNK_FRAMES COMPRESSOR THREADS[,THREADS] REPEATS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int atoms = Integer.parseInt(args[1]);
    int frames = Integer.parseInt(args[2]);
    int chunk = ChunkFrames.resolve(args[3], DatasetSpec.bytesPerFrame(atoms), frames);
    Compression c = Compression.parse(args[4]);
    List<Integer> threads = java.util.Arrays.stream(args[5].split(",")).map(String::trim).map(Integer::valueOf).toList();
    int repeats = Integer.parseInt(args[6]);

    DatasetCache cache = new DatasetCache(dir, DatasetWriter.withDefaultPython());
    Map<String, Dataset> files = new LinkedHashMap<>();
    for (String format : List.of("h5md", "zarrmd")) {
      files.put(format, cache.obtain(new DatasetSpec(format, atoms, frames, chunk, c, 42)));
    }
    TrajStream ts = TrajStream.create();
    StringBuilder json = new StringBuilder("{");
    json.append(String.format(Locale.ROOT, "\"atoms\":%d,\"frames\":%d,\"chunk_frames\":%d,\"compressor\":\"%s\",",
        atoms, frames, chunk, c.label()));
    files.forEach((f, d) -> json.append('"').append(f).append("\":\"").append(dir.resolve(d.key()).toString()
        .replace("\\", "\\\\")).append("\","));
    json.append("\"seconds\":{");
    String sep = "";
    try (FileStore store = new FileStore(dir)) {
      for (Map.Entry<String, Dataset> e : files.entrySet()) {
        TrajectoryFormat format = ts.format(e.getKey());
        for (int t : threads) {
          double best = Double.MAX_VALUE;
          try (TrajectoryScan scan = new TrajectoryScan(t)) {
            for (int r = -1; r < repeats; r++) {
              long t0 = System.nanoTime();
              ReadProbe.measure(store, format, e.getValue(), scan);
              double s = (System.nanoTime() - t0) / 1e9;
              if (r >= 0) {
                best = Math.min(best, s);
              }
            }
          }
          json.append(sep).append(String.format(Locale.ROOT, "\"read_%s_t%d\":%.6f", e.getKey(), t, best));
          sep = ",";
        }
      }
      Dataset h5 = files.get("h5md");
      TrajectoryFormat h5md = ts.format("h5md");
      for (int t : threads) {
        double best = Double.MAX_VALUE;
        for (int r = -1; r < repeats; r++) {
          long t0 = System.nanoTime();
          try (TrajectoryReader reader = h5md.open(store, h5.key(), ReadOptions.defaults())) {
            RmsdProbe.run(reader, t);
          }
          double s = (System.nanoTime() - t0) / 1e9;
          if (r >= 0) {
            best = Math.min(best, s);
          }
        }
        json.append(sep).append(String.format(Locale.ROOT, "\"rmsd_h5md_t%d\":%.6f", t, best));
      }
    }
    json.append("}}");
    System.out.println(json);
  }
}
