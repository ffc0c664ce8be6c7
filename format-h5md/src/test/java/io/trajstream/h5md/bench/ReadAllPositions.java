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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every position of an H5MD file and prints the seconds of each repetition. Used by {@code
 * scripts/speed.sh}; not a test. Modes: {@code whole} is one {@code read} of all frames (like
 * h5py's {@code dataset[()]}) by a reader opened with {@code decode-threads=T}; {@code blocks} is T
 * calling threads taking chunk-aligned blocks of frames in turn, each reader decoding alone.
 *
 * <p>usage: ReadAllPositions FILE [--mode whole|blocks|both] [--reps N] [--warmup N] THREADS...
 *
 * <p>Times exclude JVM start-up and opening the file; the warm-up runs let the JIT compile the read
 * path first ({@code --warmup 0 --reps 1} gives a cold read).
 */
public final class ReadAllPositions {
  private ReadAllPositions() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    String mode = "both";
    int reps = 5;
    int warmup = 2;
    List<Integer> threadCounts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> threadCounts.add(Integer.parseInt(args[i]));
      }
    }
    FileStore store = new FileStore(file.getParent());
    String key = file.getFileName().toString();
    for (int threads : threadCounts) {
      if (mode.equals("whole") || mode.equals("both")) {
        ReadOptions o = ReadOptions.defaults().with("index", "none").with("decode-threads", Integer.toString(threads));
        try (TrajectoryReader r = new H5mdFormat().open(store, key, o)) {
          describe(r, file, "whole");
          report("whole", threads, repeat(reps, warmup, () -> readWhole(r)));
        }
      }
      if (mode.equals("blocks") || mode.equals("both")) {
        ReadOptions o = ReadOptions.defaults().with("index", "none").with("decode-threads", "1");
        try (TrajectoryReader r = new H5mdFormat().open(store, key, o)) {
          describe(r, file, "blocks");
          report("blocks", threads, repeat(reps, warmup, () -> readBlocks(r, threads)));
        }
      }
    }
  }

  private static void describe(TrajectoryReader r, Path file, String mode) {
    System.out.printf(Locale.ROOT, "# %s: %d frames, %d atoms, %d frames per chunk, %s, mode %s%n", file.getFileName(),
        r.info().frames(), r.info().atoms(), r.info().framesPerChunk(Field.POSITION),
        r.info().compression().get(Field.POSITION), mode);
  }

  private static void report(String mode, int threads, double[] seconds) {
    StringBuilder sb = new StringBuilder();
    for (double s : seconds) {
      sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", s));
    }
    System.out.printf(Locale.ROOT, "trajstream mode=%s threads=%d seconds=%s%n", mode, threads, sb);
  }

  interface Run {
    double run() throws Exception;
  }

  private static double[] repeat(int reps, int warmup, Run run) throws Exception {
    for (int i = 0; i < warmup; i++) {
      run.run();
    }
    double[] out = new double[reps];
    double check = Double.NaN;
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      double sum = run.run();
      out[i] = (System.nanoTime() - t0) / 1e9;
      if (i > 0 && Double.compare(sum, check) != 0) {
        throw new IllegalStateException("checksum changed: " + sum + " != " + check);
      }
      check = sum;
    }
    System.out.printf(Locale.ROOT, "# checksum %.9e%n", check);
    return out;
  }

  /** One read of every frame; a checksum over every value so that nothing is skipped. */
  private static double readWhole(TrajectoryReader r) throws Exception {
    FrameBlock b = r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.of(Field.POSITION));
    return checksum(b.positions());
  }

  private static double checksum(float[] p) {
    double s = 0;
    for (int i = 0; i < p.length; i += 97) {
      s += p[i];
    }
    return s + p[p.length - 1];
  }

  private static double readBlocks(TrajectoryReader r, int threads) throws Exception {
    int frames = r.info().frames();
    int perChunk = r.info().framesPerChunk(Field.POSITION);
    int block = Math.max(perChunk, (64 / perChunk) * perChunk);
    ExecutorService pool = IoExecutors.newBoundedPool("bench", threads);
    try {
      AtomicInteger next = new AtomicInteger();
      double[] sums = new double[(frames + block - 1) / block]; // per block, so the total does not depend on timing
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          int start;
          while ((start = next.getAndAdd(block)) < frames) {
            FrameBlock b = r.read(FrameRange.of(start, Math.min(frames, start + block)), AtomSelection.all(), EnumSet.of(Field.POSITION));
            sums[start / block] = checksum(b.positions());
          }
          return null;
        }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
      double sum = 0;
      for (double s : sums) {
        sum += s;
      }
      return sum;
    } finally {
      pool.shutdown();
    }
  }
}
