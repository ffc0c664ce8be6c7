package io.trajstream.h5md.bench;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.FileStore;
import io.trajstream.store.IoExecutors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every position of an H5MD file with 1..N threads, each taking chunk-aligned blocks of
 * frames in turn, and prints seconds per run. Used by {@code scripts/speed.sh}; not a test.
 *
 * <p>usage: ReadAllPositions FILE THREADS... (best of 3 runs each)
 */
public final class ReadAllPositions {
  private ReadAllPositions() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    FileStore store = new FileStore(file.getParent());
    try (TrajectoryReader r = new H5mdFormat().open(store, file.getFileName().toString(), ReadOptions.defaults().with("index", "none"))) {
      int frames = r.info().frames();
      int perChunk = r.info().framesPerChunk(Field.POSITION);
      int block = Math.max(perChunk, (64 / perChunk) * perChunk);
      System.out.printf("file %s: %d frames, %d atoms, %d frames per chunk, %s, blocks of %d frames%n", file.getFileName(),
          frames, r.info().atoms(), perChunk, r.info().compression().get(Field.POSITION), block);
      run(r, frames, block, 1); // warm-up
      for (int i = 1; i < args.length; i++) {
        int threads = Integer.parseInt(args[i]);
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
          long t0 = System.nanoTime();
          double sum = run(r, frames, block, threads);
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          if (rep == 0) {
            System.out.printf("checksum %.6e%n", sum);
          }
        }
        System.out.printf("trajstream threads=%d seconds=%.3f%n", threads, best);
      }
    }
  }

  private static double run(TrajectoryReader r, int frames, int block, int threads) throws Exception {
    ExecutorService pool = IoExecutors.newBoundedPool("bench", threads);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<Double>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          double s = 0;
          int start;
          while ((start = next.getAndAdd(block)) < frames) {
            FrameBlock b = r.read(FrameRange.of(start, Math.min(frames, start + block)), AtomSelection.all(), EnumSet.of(Field.POSITION));
            float[] p = b.positions();
            s += p[0] + p[p.length - 1];
          }
          return s;
        }));
      }
      double sum = 0;
      for (Future<Double> f : parts) {
        sum += f.get();
      }
      return sum;
    } finally {
      pool.shutdown();
    }
  }
}
