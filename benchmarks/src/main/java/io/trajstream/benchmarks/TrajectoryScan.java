package io.trajstream.benchmarks;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.IoExecutors;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads all frames of a trajectory's positions with a fixed number of threads: one task per
 * storage chunk (the chunk length the reader reports), at most {@code threads} in flight. The
 * pool is created once and reused by every {@link #readAll} call.
 */
public final class TrajectoryScan implements Closeable {
  private static final Set<Field> POSITION = EnumSet.of(Field.POSITION);

  private final int threads;
  private final ExecutorService pool;

  public TrajectoryScan(int threads) {
    this.threads = threads;
    this.pool = IoExecutors.newBoundedPool("trajstream-bench-read", threads);
  }

  public int threads() {
    return threads;
  }

  /** The chunk-aligned frame ranges a full read of {@code reader} consists of. */
  public static List<FrameRange> plan(TrajectoryReader reader) {
    int frames = reader.info().frames();
    int chunk = Math.max(1, reader.info().chunkLayout().getOrDefault(Field.POSITION, frames));
    List<FrameRange> out = new ArrayList<>();
    for (int s = 0; s < frames; s += chunk) {
      out.add(FrameRange.of(s, Math.min(frames, s + chunk)));
    }
    return out;
  }

  /** Reads every frame's positions; returns the sum of the first coordinate of each frame. */
  public double readAll(TrajectoryReader reader) throws IOException {
    int atoms = reader.info().atoms();
    List<Future<Double>> parts = new ArrayList<>();
    for (FrameRange r : plan(reader)) {
      parts.add(pool.submit(() -> {
        try {
          FrameBlock b = reader.read(r, AtomSelection.all(), POSITION);
          float[] p = b.positions();
          double s = 0;
          for (int i = 0; i < p.length; i += 3 * atoms) {
            s += p[i];
          }
          return s;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
    double sum = 0;
    try {
      for (Future<Double> f : parts) {
        sum += f.get();
      }
    } catch (InterruptedException e) {
      parts.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("read interrupted");
    } catch (ExecutionException e) {
      parts.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
    return sum;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
