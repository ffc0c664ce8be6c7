package io.trajstream.benchmarks;

import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only sweep of a trajectory that already exists (on a web server, or in a bucket the user
 * may only read): for each combination of compute threads, I/O threads and part size it opens the
 * trajectory and reads every position of it (or of its first frames) through the analysis engine,
 * as {@code trajstream analyze} reads, best of {@code repeats} after one warm-up read. Nothing is
 * ever written: the store is only seen through a {@link ReadOnlyView}.
 */
public final class ExistingTrajectorySweep {
  /** Hears about the sweep's progress. */
  @FunctionalInterface
  public interface Listener {
    /** A cell has been measured. */
    void measured(ReadSweepPoint point);

    Listener NONE = point -> {};
  }

  private final Store store;
  private final String key;
  private final TrajectoryFormat format;
  private final ReadOptions baseOptions;

  /**
   * {@code key} of {@code store}, read with {@code format} and {@code baseOptions} (e.g. a particle
   * group; each cell adds its part size). The store is not closed.
   */
  public ExistingTrajectorySweep(Store store, String key, TrajectoryFormat format, ReadOptions baseOptions) {
    this.store = new ReadOnlyView(store);
    this.key = key;
    this.format = format;
    this.baseOptions = baseOptions;
  }

  /** What the trajectory holds (one open, unmetered). */
  public TrajectoryInfo info() throws IOException {
    try (TrajectoryReader r = format.open(store, key, baseOptions)) {
      return r.info();
    }
  }

  /** Measures every cell of {@code s}, in the order threads, then I/O threads, then part size. */
  public List<ReadSweepPoint> run(ReadSweepSettings s, Listener listener) throws IOException {
    Store read = s.latency().isZero() && s.bandwidth() <= 0 ? store : new LatencyStore(store, s.latency(), s.bandwidth());
    List<ReadSweepPoint> out = new ArrayList<>();
    boolean warm = false;
    for (int t : s.threads()) {
      for (int io : s.ioThreads()) {
        for (PartSize part : s.partSizes()) {
          ReadOptions options = part.applyTo(baseOptions);
          if (!warm) {
            measure(read, options, t, io, s.frames());
            warm = true;
          }
          ReadMeasurement best = null;
          for (int r = 0; r < s.repeats(); r++) {
            ReadMeasurement m = measure(read, options, t, io, s.frames());
            if (best == null || m.readNanos() < best.readNanos()) {
              best = m;
            }
          }
          ReadSweepPoint p = new ReadSweepPoint(t, io, part, best);
          out.add(p);
          listener.measured(p);
        }
      }
    }
    return out;
  }

  /** One open and one read of all positions of the first {@code frames} frames (0: all). */
  private ReadMeasurement measure(Store read, ReadOptions options, int threads, int ioThreads, int frames)
      throws IOException {
    MeteredStore metered = new MeteredStore(read);
    long t0 = System.nanoTime();
    try (TrajectoryReader reader = format.open(metered, key, options)) {
      long t1 = System.nanoTime();
      long openRequests = metered.totalRequests();
      long openBytes = metered.bytes(MeteredStore.Operation.GET);
      RunOptions run = RunOptions.builder().threads(threads).ioThreads(ioThreads).stop(frames > 0 ? frames : -1).build();
      double[] scan = AnalysisEngine.run(reader, new PositionScan(), run);
      long t2 = System.nanoTime();
      int done = (int) scan[1];
      return new ReadMeasurement(t1 - t0, openRequests, openBytes, t2 - t1, metered.totalRequests() - openRequests,
          metered.bytes(MeteredStore.Operation.GET) - openBytes, done,
          DatasetSpec.bytesPerFrame(reader.info().atoms()) * done, 0, scan[0]);
    }
  }
}
