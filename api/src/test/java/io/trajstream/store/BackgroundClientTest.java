package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client built in the background: built on a thread other than the caller's, which goes on
 * before the build ends; get() waits for it; a failure to build is thrown by every get() as it was
 * thrown; close() closes what was built, once, and nothing when the build failed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a constructor that waited for the build would hang the first test
class BackgroundClientTest {
  @Test
  void theCallerGoesOnWhileTheClientIsBuiltElsewhere() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> builtOn = new AtomicReference<>();
    AtomicInteger closed = new AtomicInteger();
    Object client = new Object();
    BackgroundClient<Object> c = new BackgroundClient<>("test-client", () -> {
      builtOn.set(Thread.currentThread().getName());
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return client;
    }, x -> closed.incrementAndGet());
    // the constructor has returned although the build is held: the caller was not kept waiting
    release.countDown();
    assertSame(client, c.get());
    assertNotEquals(Thread.currentThread().getName(), builtOn.get());
    assertTrue(builtOn.get().startsWith("test-client"), builtOn.get());
    c.close();
    assertEquals(1, closed.get());
  }

  @Test
  void aFailureToBuildIsThrownByEveryUseAndNothingIsClosed() {
    AtomicInteger closed = new AtomicInteger();
    BackgroundClient<Object> c = new BackgroundClient<>("test-client", () -> {
      throw new IllegalArgumentException("az://box/: bad connection string");
    }, x -> closed.incrementAndGet());
    for (int i = 0; i < 2; i++) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::get);
      assertEquals("az://box/: bad connection string", e.getMessage());
    }
    c.close();
    assertEquals(0, closed.get());
  }

  @Test
  void aReadyClientIsReturnedAsItIs() {
    Object client = new Object();
    BackgroundClient<Object> c = BackgroundClient.ready(client, x -> { });
    assertSame(client, c.get());
  }

  @Test
  void onFirstUseBuildsOnTheFirstGetOnlyAndNothingWhenNeverAsked() {
    AtomicInteger builds = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    AtomicReference<String> builtOn = new AtomicReference<>();
    BackgroundClient<Object> lazy = BackgroundClient.onFirstUse(() -> {
      builds.incrementAndGet();
      builtOn.set(Thread.currentThread().getName());
      return new Object();
    }, x -> closed.incrementAndGet());
    assertEquals(0, builds.get());
    assertTrue(!lazy.asked());
    Object first = lazy.get();
    assertSame(first, lazy.get());
    assertTrue(lazy.asked());
    assertEquals(1, builds.get());
    assertEquals(Thread.currentThread().getName(), builtOn.get());
    lazy.close();
    assertEquals(1, closed.get());

    BackgroundClient<Object> never = BackgroundClient.onFirstUse(() -> {
      builds.incrementAndGet();
      return new Object();
    }, x -> closed.incrementAndGet());
    never.close();
    assertEquals(1, builds.get(), "a client never asked for is never built");
    assertEquals(1, closed.get());
    assertThrows(IllegalStateException.class, never::get);
  }
}
