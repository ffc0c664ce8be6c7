package io.trajstream.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded thread pools of our own for blocking store I/O (never the common ForkJoinPool). The
 * shared pool has {@code trajstream.io.threads} threads (default 16); idle threads exit.
 */
public final class IoExecutors {
  private static final int SHARED_THREADS = Integer.getInteger("trajstream.io.threads", 16);

  private IoExecutors() {}

  private static final class Holder {
    static final ExecutorService SHARED = newBoundedPool("trajstream-io", SHARED_THREADS);
  }

  /** The process-wide I/O pool used by stores that are not given one. */
  public static ExecutorService shared() {
    return Holder.SHARED;
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
