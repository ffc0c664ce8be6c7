package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ParallelParts: the bound on parts in flight, progress, and what a failure leaves behind. */
class ParallelPartsTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void neverHasMoreThanTheBoundInFlightAndReportsEveryPart() throws IOException {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicLong progress = new AtomicLong();
    ParallelParts parts = new ParallelParts(pool, 3, progress::addAndGet, "mem:/x");
    long expected = 0;
    for (int i = 0; i < 20; i++) {
      expected += i + 1;
      parts.submit(i + 1, () -> {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        sleep(5);
        now.decrementAndGet();
      });
    }
    parts.finish();
    assertEquals(20, parts.submitted());
    assertEquals(expected, progress.get());
    assertTrue(most.get() <= 3, "at most 3 in flight, saw " + most.get());
    assertTrue(most.get() >= 2, "parts overlap, saw " + most.get());
  }

  @Test
  void aFailureIsThrownUnchangedAfterThePartsInFlightHaveLanded() {
    AtomicInteger landed = new AtomicInteger();
    AtomicLong progress = new AtomicLong();
    FileNotFoundException boom = new FileNotFoundException("mem:/x: no such container");
    ParallelParts parts = new ParallelParts(pool, 4, progress::addAndGet, "mem:/x");
    IOException e = assertThrows(IOException.class, () -> {
      for (int i = 0; i < 10; i++) {
        int n = i;
        parts.submit(10, () -> {
          if (n == 1) {
            throw boom;
          }
          sleep(50);
          landed.incrementAndGet();
        });
      }
      parts.finish();
    });
    assertSame(boom, e);
    int started = parts.submitted();
    assertEquals(started - 1, landed.get(), "every other part submitted has landed when the failure is thrown");
    assertTrue(progress.get() <= 10L * (started - 1), "only parts in place are reported");
  }

  @Test
  void closingAfterTheCallerFailedWaitsForThePartsInFlight() {
    AtomicInteger landed = new AtomicInteger();
    IllegalStateException stop = new IllegalStateException("source broke off");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
      try (ParallelParts parts = new ParallelParts(pool, 4, n -> {}, "mem:/x")) {
        for (int i = 0; i < 3; i++) {
          parts.submit(1, () -> {
            sleep(100);
            landed.incrementAndGet();
          });
        }
        throw stop;
      }
    });
    assertSame(stop, e);
    assertEquals(3, landed.get(), "every part submitted has landed once the failure leaves the block");
  }

  @Test
  void refusesAZeroBound() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelParts(pool, 0, n -> {}, "mem:/x"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
