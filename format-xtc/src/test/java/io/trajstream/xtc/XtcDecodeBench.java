package io.trajstream.xtc;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decode throughput of the XTC reader (run by {@code bench/xtc_decode_bench.sh}, not a test): all
 * frames, all atoms, one frame per read, with 1 and N threads sharing one reader (frames decode
 * independently given the offset index). Prints frames per second, best of a few rounds, and frames
 * per second of the process's CPU time in that round (with N threads near the one-thread figure
 * when the threads neither wait for nor slow each other, whatever the load of the machine).
 * A round reads the file {@code passes} times (system property, default 1), long enough for a
 * CPU-time figure. Arguments: directory, key, thread counts.
 */
public final class XtcDecodeBench {
  private XtcDecodeBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String key = args[1];
    int passes = Integer.getInteger("passes", 1);
    try (TrajectoryReader r = new XtcFormat().open(new FileStore(dir), key, ReadOptions.defaults())) {
      int frames = r.info().frames();
      System.out.println("java: " + frames + " frames, " + r.info().atoms() + " atoms, offsets "
          + r.info().attributes().get("xtc.offsets"));
      for (int a = 2; a < args.length; a++) {
        int threads = Integer.parseInt(args[a]);
        double[] best = {0, 0};
        for (int round = 0; round < 5; round++) {
          double[] m = run(r, frames, passes, threads);
          if (m[0] > best[0]) {
            best = m;
          }
        }
        System.out.printf("java: %d thread(s): %.1f frames/s (%.1f frames per CPU-second)%n", threads, best[0], best[1]);
      }
    }
  }

  /** Frames per second of wall time and of process CPU time. */
  private static double[] run(TrajectoryReader r, int frames, int passes, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    try {
      List<Future<Double>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          double sum = 0;
          for (int k = next.getAndIncrement(); k < passes * frames; k = next.getAndIncrement()) {
            sum += r.read(FrameRange.single(k % frames), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions()[0];
          }
          return sum;
        }));
      }
      for (Future<Double> p : parts) {
        p.get();
      }
    } finally {
      pool.shutdown();
    }
    long wall = System.nanoTime() - t0;
    long cpu = processCpuNanos() - c0;
    return new double[] {passes * frames / (wall / 1e9), cpu > 0 ? passes * frames / (cpu / 1e9) : Double.NaN};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
