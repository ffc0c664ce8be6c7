package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A vectored read owns its requests: once its future has completed (or a blocking wait has
 * returned or thrown), none of them still runs, and a failed range stops the ranges not started.
 */
class VectoredReadTest {
  static final long SLOW = 0;
  static final long FAILING = 1000;
  static final int OTHERS = 8;

  private final ThreadPoolExecutor io = (ThreadPoolExecutor) IoExecutors.newBoundedPool("test-io", 2);
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final AtomicBoolean slowFinished = new AtomicBoolean();
  private final AtomicInteger otherReads = new AtomicInteger();

  /** Range 0 blocks until released, the range at {@link #FAILING} fails, the others are counted. */
  private final StoreInput input = new StoreInput() {
    @Override
    public long length() {
      return 1 << 20;
    }

    @Override
    public String location() {
      return "test://input";
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      if (position == SLOW) {
        slowStarted.countDown();
        try {
          releaseSlow.await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        slowFinished.set(true);
      } else if (position == FAILING) {
        await(slowStarted);
        throw new IOException("test://input: range at " + FAILING + " failed");
      } else {
        otherReads.incrementAndGet();
      }
    }

    @Override
    public Executor ioExecutor() {
      return io;
    }
  };

  @AfterEach
  void stop() {
    releaseSlow.countDown();
    io.shutdownNow();
  }

  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(1, TimeUnit.MINUTES));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The slow range, then {@code failing} or not, then {@link #OTHERS} ranges, never merged. */
  static List<ByteRange> ranges(boolean failing) {
    List<ByteRange> r = new ArrayList<>();
    r.add(new ByteRange(SLOW, 10));
    if (failing) {
      r.add(new ByteRange(FAILING, 10));
    }
    for (int i = 0; i < OTHERS; i++) {
      r.add(new ByteRange(2000 + 1000L * i, 10));
    }
    return r;
  }

  /** Waits until the pool has taken every queued task (all but the blocked slow range). */
  void awaitPoolIdleBesidesSlowRange(int tasks) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (io.getCompletedTaskCount() < tasks - 1) {
      assertTrue(System.nanoTime() < deadline, "pool never took the queued ranges");
      Thread.sleep(5);
    }
  }

  @Test
  void aFailedRangeDropsTheRangesNotStartedAndFailsOnlyAfterTheStartedOnesFinish() throws Exception {
    List<ByteRange> ranges = ranges(true);
    CompletableFuture<List<java.nio.ByteBuffer>> f = input.readVectored(ranges, VectoredReadOptions.NO_MERGE);
    awaitPoolIdleBesidesSlowRange(ranges.size());
    assertEquals(0, otherReads.get(), "ranges queued behind the failure were still read");
    assertFalse(f.isDone(), "the read failed while one of its ranges was still reading");
    releaseSlow.countDown();
    CompletionException e = assertThrows(CompletionException.class, f::join);
    assertTrue(slowFinished.get(), "failed before the started range had finished");
    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("range at 1000 failed"), e.getCause().getMessage());
    IOException blocking = assertThrows(IOException.class,
        () -> StoreInput.StoreInputs.join(input.readVectored(ranges, VectoredReadOptions.NO_MERGE)));
    assertTrue(blocking.getMessage().contains("range at 1000 failed"), blocking.getMessage());
  }

  @Test
  void cancelDropsTheRangesNotStartedAndCompletesAfterTheStartedOnes() throws Exception {
    io.setCorePoolSize(1);
    io.setMaximumPoolSize(1);
    List<ByteRange> ranges = ranges(false);
    CompletableFuture<List<java.nio.ByteBuffer>> f = input.readVectored(ranges, VectoredReadOptions.NO_MERGE);
    await(slowStarted);
    assertTrue(f.cancel(true));
    assertFalse(f.isDone(), "cancelled while a range was still reading");
    releaseSlow.countDown();
    assertThrows(CancellationException.class, f::join);
    assertTrue(slowFinished.get());
    assertTrue(f.isCancelled());
    assertEquals(0, otherReads.get(), "ranges not started were read after the cancel");
  }

  @Test
  void anInterruptedWaitCancelsWaitsForTheStartedRangeAndKeepsTheInterrupt() throws Exception {
    io.setCorePoolSize(1);
    io.setMaximumPoolSize(1);
    CompletableFuture<List<java.nio.ByteBuffer>> f =
        input.readVectored(List.of(new ByteRange(SLOW, 10)), VectoredReadOptions.NO_MERGE);
    await(slowStarted); // the pool thread holds the only range: the waiter cannot help
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean finishedWhenThrown = new AtomicBoolean();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      try {
        StoreInput.StoreInputs.join(f);
      } catch (Throwable t) {
        finishedWhenThrown.set(slowFinished.get());
        interruptKept.set(Thread.currentThread().isInterrupted());
        thrown.set(t);
      }
    });
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(5);
    }
    waiter.interrupt();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (waiter.isInterrupted()) { // until the wait has taken the interrupt (it keeps it again when it throws)
      assertTrue(System.nanoTime() < deadline, "the wait ignored the interrupt");
      Thread.sleep(5);
    }
    releaseSlow.countDown();
    waiter.join(TimeUnit.MINUTES.toMillis(1));
    assertInstanceOf(InterruptedIOException.class, thrown.get());
    assertTrue(thrown.get().getMessage().startsWith("test://input: interrupted"), thrown.get().getMessage());
    assertTrue(finishedWhenThrown.get(), "the wait returned while its range was still reading");
    assertTrue(interruptKept.get());
  }

  @Test
  void aWaiterRunsTheRangesNoPoolThreadHasStarted() throws Exception {
    io.setCorePoolSize(1);
    io.setMaximumPoolSize(1);
    io.execute(() -> await(releaseSlow)); // the pool's only thread is busy elsewhere
    List<ByteRange> others = ranges(false).subList(1, 1 + OTHERS);
    List<java.nio.ByteBuffer> got = input.readVectored(others, VectoredReadOptions.NO_MERGE).get(1, TimeUnit.MINUTES);
    assertEquals(OTHERS, got.size());
    assertEquals(OTHERS, otherReads.get());
    for (java.nio.ByteBuffer b : got) {
      assertEquals(10, b.remaining());
    }
  }
}
