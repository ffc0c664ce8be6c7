package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call of {@link ParallelTasks#run} that is interrupted while a helper still works must not return
 * before that helper is done: the helper writes into the caller's buffers, which the caller may
 * reuse (or give back to a pool) as soon as the call returns.
 */
public class ParallelTasksInterruptTest {
  /** Runs {@code n} tasks of {@code body} the way the code under test does. */
  @FunctionalInterface
  public interface Runner {
    void run(int n, Body body) throws Exception;
  }

  /** One task; may block. */
  @FunctionalInterface
  public interface Body {
    void run(int index) throws Exception;
  }

  /** A {@link Body} as the {@link ParallelTasks.Task} that the code under test takes. */
  static ParallelTasks.Task task(Body body) {
    return i -> {
      try {
        body.run(i);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    };
  }

  private final ExecutorService helpers = helperPool();

  /** A one-thread pool whose thread is named like the helpers {@link #interruptWhileHelperRuns} expects. */
  public static ExecutorService helperPool() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-helper");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stop() {
    helpers.shutdownNow();
  }

  /** What the caller saw when its call ended. */
  public record Outcome(Throwable thrown, boolean helperDoneAtReturn, boolean interruptFlag) {}

  /**
   * Runs two tasks, one of which sits on the helper thread until released; interrupts the caller
   * while it waits for the helper, releases the helper only after the call has had every chance to
   * return early, and reports what the caller saw at its return.
   */
  public static Outcome interruptWhileHelperRuns(Runner runner) throws Exception {
    CountDownLatch helperStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean helperDone = new AtomicBoolean();
    CountDownLatch callerTaskDone = new CountDownLatch(1);
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    CountDownLatch returned = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      Throwable thrown = null;
      try {
        runner.run(2, i -> {
          if (Thread.currentThread().getName().startsWith("test-helper")) {
            helperStarted.countDown();
            release.await();
            helperDone.set(true);
          } else {
            // The caller's own task: wait until the helper holds the other one.
            if (!helperStarted.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the helper never started");
            }
            callerTaskDone.countDown();
          }
        });
      } catch (Throwable t) {
        thrown = t;
      }
      outcome.set(new Outcome(thrown, helperDone.get(), Thread.currentThread().isInterrupted()));
      returned.countDown();
    }, "test-caller");
    caller.start();
    assertTrue(helperStarted.await(30, TimeUnit.SECONDS), "the helper task started");
    assertTrue(callerTaskDone.await(30, TimeUnit.SECONDS), "the caller's own task ended");
    // Let the caller finish its own task and wait for the helper, then interrupt it.
    while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive()) {
      Thread.onSpinWait();
    }
    caller.interrupt();
    // A call that returns early does so at once; give it ample time to show that before releasing.
    boolean early = returned.await(2, TimeUnit.SECONDS);
    release.countDown();
    assertTrue(returned.await(30, TimeUnit.SECONDS), "the call returned once the helper finished");
    caller.join();
    Outcome o = outcome.get();
    assertFalse(early && !o.helperDoneAtReturn(), "the call returned while its helper task still ran");
    return o;
  }

  @Test
  void waitsForHelpersWhenInterrupted() throws Exception {
    Outcome o = interruptWhileHelperRuns((n, body) -> ParallelTasks.run(n, 2, helpers, task(body)));
    assertTrue(o.helperDoneAtReturn(), "no helper task runs after the call ends");
    assertInstanceOf(InterruptedIOException.class, o.thrown(), "the interrupted call reports the interrupt");
    assertTrue(o.interruptFlag(), "the interrupt flag is restored");
  }

  @Test
  void failureWaitsForTheOtherTasks() throws Exception {
    // One task fails at once while another still runs on the helper: the failure is reported only
    // after the helper's task has ended.
    CountDownLatch helperStarted = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger seenAtReturn = new AtomicInteger(-1);
    Throwable thrown = null;
    try {
      ParallelTasks.run(2, 2, helpers, i -> {
        if (Thread.currentThread().getName().startsWith("test-helper")) {
          running.incrementAndGet();
          helperStarted.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
        } else {
          try {
            helperStarted.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
          throw new IOException("boom");
        }
      });
    } catch (IOException e) {
      thrown = e;
      seenAtReturn.set(running.get());
    }
    assertEquals("boom", thrown.getMessage());
    assertEquals(0, seenAtReturn.get(), "no task still ran when the failure was reported");
  }
}
