package io.trajstream.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded thread pools of our own (never the common ForkJoinPool). Two process-wide pools with
 * separate jobs:
 *
 * <ul>
 *   <li>{@link #shared()}, {@code trajstream.io.threads} threads (default 16): store requests, the
 *       merged ranges of {@link StoreInput#readVectored}. Its tasks never wait for other work.
 *   <li>{@link #readers()}, {@code trajstream.read.threads} threads (default 16): whole reads of
 *       frames started by {@link io.trajstream.format.TrajectoryReader#readAsync}, which wait for
 *       I/O queued to the first pool.
 * </ul>
 *
 * A task of a bounded pool must not block on work queued to that same pool: with every thread so
 * blocked nothing would progress. Idle threads of both pools exit.
 */
public final class IoExecutors {
  /** System property giving the size of {@link #shared()}. */
  public static final String IO_THREADS_PROPERTY = "trajstream.io.threads";
  /** System property giving the size of {@link #readers()}. */
  public static final String READ_THREADS_PROPERTY = "trajstream.read.threads";

  private static final Object LOCK = new Object();
  private static volatile ExecutorService shared;
  private static volatile ExecutorService readers;

  private IoExecutors() {}

  /** The process-wide I/O pool used by stores that are not given one. */
  public static ExecutorService shared() {
    ExecutorService s = shared;
    if (s == null) {
      synchronized (LOCK) {
        if (shared == null) {
          shared = newBoundedPool("trajstream-io", threadsFromProperty(IO_THREADS_PROPERTY, 16));
        }
        s = shared;
      }
    }
    return s;
  }

  /**
   * The process-wide pool that runs whole trajectory reads for {@link
   * io.trajstream.format.TrajectoryReader#readAsync(io.trajstream.format.FrameRange,
   * io.trajstream.format.AtomSelection, java.util.Set)}; separate from {@link #shared()} because
   * a read waits for the I/O it issues.
   */
  public static ExecutorService readers() {
    ExecutorService r = readers;
    if (r == null) {
      synchronized (LOCK) {
        if (readers == null) {
          readers = newBoundedPool("trajstream-read", threadsFromProperty(READ_THREADS_PROPERTY, 16));
        }
        r = readers;
      }
    }
    return r;
  }

  /** Reads a thread count from a system property; a bad value is an error naming the property. */
  static int threadsFromProperty(String property, int defaultValue) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("system property " + property + "=" + v + " is not an integer");
    }
    if (n < 1) {
      throw new IllegalStateException("system property " + property + "=" + v + " must be at least 1");
    }
    return n;
  }

  /** A fixed-size pool of daemon threads whose idle threads time out; the queue is unbounded. */
  public static ExecutorService newBoundedPool(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(name + ": threads must be >= 1, got " + threads);
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** A thread factory naming daemon threads {@code name-N}. */
  public static ThreadFactory daemonThreads(String name) {
    AtomicInteger counter = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
