package io.trajstream.xtc;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
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
 * independently given the offset index). Prints frames per second, best of a few rounds.
 * Arguments: directory, key, thread counts.
 */
public final class XtcDecodeBench {
  private XtcDecodeBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String key = args[1];
    try (TrajectoryReader r = new XtcFormat().open(new FileStore(dir), key, ReadOptions.defaults())) {
      int frames = r.info().frames();
      System.out.println("java: " + frames + " frames, " + r.info().atoms() + " atoms, offsets "
          + r.info().attributes().get("xtc.offsets"));
      for (int a = 2; a < args.length; a++) {
        int threads = Integer.parseInt(args[a]);
        double best = 0;
        for (int round = 0; round < 5; round++) {
          best = Math.max(best, run(r, frames, threads));
        }
        System.out.printf("java: %d thread(s): %.1f frames/s%n", threads, best);
      }
    }
  }

  private static double run(TrajectoryReader r, int frames, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    try {
      List<Future<Double>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          double sum = 0;
          for (int f = next.getAndIncrement(); f < frames; f = next.getAndIncrement()) {
            sum += r.read(FrameRange.single(f), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions()[0];
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
    return frames / ((System.nanoTime() - t0) / 1e9);
  }
}
