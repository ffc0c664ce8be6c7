package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A vectored read transformed by {@link StoreInput.StoreInputs#map} keeps the original's promises:
 * a wait runs unstarted parts on the waiting thread (a pool that never runs them cannot deadlock
 * it), and cancel drops unstarted parts and completes only once the started ones have finished.
 */
class MappedVectoredReadTest {
  private static final VectoredReadOptions ONE_PER_RANGE = VectoredReadOptions.NO_MERGE;

  private static StoreInput input(Executor executor, AtomicInteger reads, CountDownLatch started, CountDownLatch release) {
    return new StoreInput() {
      @Override
      public long length() {
        return 1 << 20;
      }

      @Override
      public String location() {
        return "test://mapped";
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        reads.incrementAndGet();
        if (started != null) {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new InterruptedIOException();
          }
        }
        buf[off] = (byte) (position / 1000);
      }

      @Override
      public Executor ioExecutor() {
        return executor;
      }
    };
  }

  private static List<ByteRange> ranges(int n) {
    List<ByteRange> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(new ByteRange(i * 1000L, 10));
    }
    return r;
  }

  @Test
  void waitingRunsThePartsAPoolNeverStarts() throws Exception {
    Executor never = task -> {}; // a pool whose threads are all busy waiting on this very read
    AtomicInteger reads = new AtomicInteger();
    StoreInput in = input(never, reads, null, null);
    CompletableFuture<List<ByteBuffer>> mapped = StoreInput.StoreInputs.map(in.readVectored(ranges(4), ONE_PER_RANGE),
        b -> {
          List<ByteBuffer> r = new ArrayList<>(b);
          java.util.Collections.reverse(r);
          return r;
        });
    List<ByteBuffer> got = StoreInput.StoreInputs.join(mapped);
    assertEquals(4, reads.get());
    assertEquals(3, got.get(0).get(0));
    assertEquals(0, got.get(3).get(0));
  }

  @Test
  void cancelReachesTheReadAndWaitsForItsStartedParts() throws Exception {
    ExecutorService one = IoExecutors.newBoundedPool("mapped-test", 1);
    try {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger reads = new AtomicInteger();
      StoreInput in = input(one, reads, started, release);
      CompletableFuture<List<ByteBuffer>> mapped = StoreInput.StoreInputs.map(in.readVectored(ranges(4), ONE_PER_RANGE),
          b -> b);
      started.await();
      assertTrue(mapped.cancel(true));
      assertFalse(mapped.isDone(), "a started part is still reading");
      release.countDown();
      assertThrows(CancellationException.class, () -> {
        try {
          mapped.get();
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      });
      assertEquals(1, reads.get(), "the parts not started were dropped");
    } finally {
      one.shutdownNow();
    }
  }
}
