package io.trajstream.benchmarks;

import io.trajstream.format.TrajectoryFormat;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A short throughput sweep on any writable store, the engine of {@code trajstream bench}: for each
 * chunk length it writes a synthetic trajectory below a prefix, reads it back in full with each
 * thread count (best of {@code repeats}, after one warm-up read), and deletes it again.
 */
public final class ThroughputSweep {
  /** Hears about the sweep's progress. */
  public interface Listener {
    /** A trajectory is about to be written. */
    default void writing(DatasetSpec spec) {}

    /** A cell has been measured. */
    default void measured(SweepPoint point) {}

    Listener NONE = new Listener() {};
  }

  private final TrajectoryFormat format;
  private final DatasetWriter writer;
  private final Path scratch;

  /** {@code scratch}: a local directory for temporary files (H5MD generation only). */
  public ThroughputSweep(TrajectoryFormat format, DatasetWriter writer, Path scratch) {
    this.format = format;
    this.writer = writer;
    this.scratch = scratch;
  }

  /**
   * Runs the sweep below {@code prefix} ({@code ""} or ending in {@code /}) of {@code store}. The
   * trajectories are written without the simulated network, then read through it.
   */
  public List<SweepPoint> run(Store store, String prefix, SweepSettings s, Listener listener) throws IOException {
    Store read = s.latency().isZero() && s.bandwidth() <= 0 ? store : new LatencyStore(store, s.latency(), s.bandwidth());
    List<SweepPoint> out = new ArrayList<>();
    Set<Integer> seen = new LinkedHashSet<>();
    long bytesPerFrame = DatasetSpec.bytesPerFrame(s.atoms());
    for (String spec : s.chunkFrames()) {
      int k = ChunkFrames.resolve(spec, bytesPerFrame, s.frames());
      if (!seen.add(k)) {
        continue; // e.g. 'auto' equal to a number already measured
      }
      DatasetSpec ds = new DatasetSpec(s.format(), s.atoms(), s.frames(), k, s.compression(), s.seed());
      listener.writing(ds);
      String key = prefix + ds.key();
      Dataset d = writer.write(ds, store, key, scratch);
      try {
        boolean warm = false;
        for (int t : s.threads()) {
          try (TrajectoryScan scan = new TrajectoryScan(t)) {
            if (!warm) {
              ReadProbe.measure(read, format, d, scan);
              warm = true;
            }
            ReadMeasurement best = null;
            for (int r = 0; r < s.repeats(); r++) {
              ReadMeasurement m = ReadProbe.measure(read, format, d, scan);
              if (best == null || m.readNanos() < best.readNanos()) {
                best = m;
              }
            }
            SweepPoint p = new SweepPoint(spec, k, t, best);
            out.add(p);
            listener.measured(p);
          }
        }
      } finally {
        deleteTree(store, key);
      }
    }
    return out;
  }

  /** Deletes {@code key} and, for a directory-like trajectory, every object below {@code key/}. */
  static void deleteTree(Store store, String key) throws IOException {
    if (store.capabilities().listable()) {
      List<String> keys;
      try (Stream<StoreEntry> s = store.list(key + "/")) {
        keys = s.map(StoreEntry::key).toList();
      }
      for (String k : keys) {
        store.delete(k);
      }
    }
    if (store.exists(key)) {
      store.delete(key);
    }
  }
}
