package io.trajstream.zarr;

import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code n} independent tasks on an executor while the calling thread takes part: tasks are
 * claimed from a shared counter, so a caller that is itself a pool thread never waits for work stuck
 * in the pool's queue (no deadlock when reads nest). Used by the Zarr engine for chunks and by its
 * codecs for Blosc blocks.
 *
 * <p>When {@link #run} returns or throws, no task of it is still running: tasks write into the
 * caller's buffers, which the caller may reuse or give back to a pool at once. After a failure or an
 * interrupt, tasks not yet started are skipped, and the call still waits for those already running
 * (uninterruptibly: they are bounded I/O or decoding) before it reports the failure or the interrupt.
 */
public final class ParallelTasks {
  /** One task; may throw {@link IOException}. */
  @FunctionalInterface
  public interface Task {
    void run(int index) throws IOException;
  }

  private ParallelTasks() {}

  /**
   * Runs tasks {@code 0..n-1}, up to {@code parallelism} at once, on {@code executor} and the
   * calling thread (all on the caller when {@code executor} is null or {@code parallelism <= 1}).
   *
   * @throws InterruptedIOException when the caller was interrupted (its interrupt flag is set again)
   */
  public static void run(int n, int parallelism, Executor executor, Task task) throws IOException {
    if (n == 0) {
      return;
    }
    if (executor == null || n == 1 || parallelism <= 1) {
      for (int i = 0; i < n; i++) {
        task.run(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // Counts claimed tasks that have ended: a helper that starts after every task is claimed
    // touches nothing, so waiting for this never depends on the executor's queue.
    CountDownLatch done = new CountDownLatch(n);
    Thread caller = Thread.currentThread();
    Runnable worker =
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < n) {
            try {
              if (Thread.currentThread() == caller && caller.isInterrupted()) {
                failure.compareAndSet(null, new InterruptedIOException("interrupted while running parallel tasks"));
              }
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
    // The caller claims tasks until none is left, so afterwards only tasks already running remain.
    worker.run();
    boolean interrupted = awaitUninterruptibly(done);
    if (interrupted) {
      caller.interrupt();
    }
    Throwable t = failure.get();
    if (interrupted && !(t instanceof InterruptedIOException)) {
      InterruptedIOException e = new InterruptedIOException("interrupted while running parallel tasks");
      if (t != null) {
        e.addSuppressed(t);
      }
      throw e;
    }
    if (t != null) {
      throw rethrow(t);
    }
  }

  /** Waits for {@code latch}; returns whether the thread was interrupted meanwhile. */
  private static boolean awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  private static IOException rethrow(Throwable t) throws IOException {
    throw StoreInput.StoreInputs.asIOException(t);
  }
}
