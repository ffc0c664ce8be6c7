package io.trajstream.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code n} independent I/O tasks on an executor while the calling thread takes part: tasks
 * are claimed from a shared counter, so a caller that is itself a pool thread never waits for work
 * stuck in the pool's queue (no deadlock when reads nest).
 */
final class ParallelTasks {
  /** One task; may throw {@link IOException}. */
  interface Task {
    void run(int index) throws IOException;
  }

  private ParallelTasks() {}

  static void run(int n, int parallelism, Executor executor, Task task) throws IOException {
    if (n == 0) {
      return;
    }
    if (n == 1 || parallelism <= 1) {
      for (int i = 0; i < n; i++) {
        task.run(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(n);
    Runnable worker =
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < n) {
            try {
              if (failure.get() == null) {
                task.run(i);
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              done.countDown();
            }
          }
        };
    int helpers = Math.min(parallelism, n) - 1;
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for chunk I/O");
    }
    Throwable t = failure.get();
    if (t != null) {
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IOException(t);
    }
  }
}
