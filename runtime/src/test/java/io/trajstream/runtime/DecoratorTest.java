package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.runtime.MeteredStore.Operation;
import io.trajstream.store.ByteRange;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DecoratorTest {
  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void meteredStoreCountsRequestsAndBytesExactly() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(10_000));
    MeteredStore m = new MeteredStore(mem);
    try (StoreInput in = m.newInput("a")) {
      in.read(0, 100);
      in.read(5000, 250);
      in.readFully(9000, new byte[1000], 0, 1000);
    }
    try (StoreInput in = m.newInput("a", 10_000)) {
      // two far-apart ranges stay two requests; two adjacent ones merge into one
      in.readVectored(List.of(new ByteRange(0, 10), new ByteRange(10, 10), new ByteRange(9_990, 10)),
          new io.trajstream.store.VectoredReadOptions(0, 1 << 20)).join();
    }
    m.exists("a");
    m.readAll("a");
    m.readAll("a", ByteBuffer::allocateDirect);
    m.write("b", ByteBuffer.wrap(new byte[77]));
    m.list("");
    m.delete("b");
    assertEquals(1, m.requests(Operation.HEAD));
    assertEquals(3 + 2 + 1 + 1, m.requests(Operation.GET));
    assertEquals(100 + 250 + 1000 + 20 + 10 + 10_000 + 10_000, m.bytes(Operation.GET));
    assertEquals(1, m.requests(Operation.EXISTS));
    assertEquals(1, m.requests(Operation.PUT));
    assertEquals(77, m.bytes(Operation.PUT));
    assertEquals(1, m.requests(Operation.LIST));
    assertEquals(1, m.requests(Operation.DELETE));
    assertEquals(12, m.totalRequests());
    m.reset();
    assertEquals(0, m.totalRequests());
  }

  @Test
  void meteredStoreSeesConcurrentReadsInFlight() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(1 << 20));
    MeteredStore m = new MeteredStore(new LatencyStore(mem, Duration.ofMillis(20), 0));
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ranges.add(new ByteRange(i * 100_000L, 1000));
    }
    try (StoreInput in = m.newInput("a", 1 << 20)) {
      in.readVectored(ranges, io.trajstream.store.VectoredReadOptions.NO_MERGE).join();
    }
    assertEquals(8, m.requests(Operation.GET));
    assertTrue(m.maxConcurrentReads() >= 4, "in flight together: " + m.maxConcurrentReads());
  }

  @Test
  void latencyStoreAddsRoundTripPerRequest() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(1000));
    LatencyStore slow = new LatencyStore(mem, Duration.ofMillis(25), 0);
    try (StoreInput in = slow.newInput("a", 1000)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        in.read(i * 10, 10);
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      assertTrue(ms >= 4 * 50 * 0.95, "4 reads with 25 ms one way took " + ms + " ms");
      assertTrue(ms < 4 * 50 * 4, "far too slow: " + ms + " ms");
    }
  }

  @Test
  void latencyStoreSharesItsBandwidthCap() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(4 << 20));
    long cap = 20L << 20; // 20 MiB/s
    LatencyStore slow = new LatencyStore(mem, Duration.ZERO, cap);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (StoreInput in = slow.newInput("a", 4 << 20)) {
      long t0 = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int k = i;
        fs.add(pool.submit(() -> in.read(k * (1L << 20), 1 << 20)));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = (4 << 20) / seconds;
      assertTrue(rate <= cap * 1.10, "4 concurrent reads moved " + rate + " B/s over a cap of " + cap);
      assertTrue(rate >= cap * 0.5, "cap badly under-used: " + rate);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cachingStoreServesRepeatReadsFromMemory() throws Exception {
    MemoryStore mem = new MemoryStore();
    byte[] d = data(1 << 20);
    mem.write("a", d);
    MeteredStore below = new MeteredStore(mem);
    CachingStore cache = new CachingStore(below, 8 << 20, 4096, 1 << 20, 16_384);
    Random rnd = new Random(1);
    try (StoreInput in = cache.newInput("a")) {
      long afterOpen = below.requests(Operation.GET);
      assertEquals(1, afterOpen, "head prefetch is one request");
      for (int i = 0; i < 200; i++) {
        int len = 1 + rnd.nextInt(3000);
        int pos = rnd.nextInt(12_000);
        assertArrayEquals(Arrays.copyOfRange(d, pos, pos + len), read(in, pos, len));
      }
      assertEquals(afterOpen, below.requests(Operation.GET), "all inside the prefetched head");
      assertArrayEquals(Arrays.copyOfRange(d, 500_000, 510_000), read(in, 500_000, 10_000));
      long n = below.requests(Operation.GET);
      assertArrayEquals(Arrays.copyOfRange(d, 500_000, 510_000), read(in, 500_000, 10_000));
      assertEquals(n, below.requests(Operation.GET), "second read of the same range is cached");
      assertThrows(EOFException.class, () -> in.read((1 << 20) - 5, 10));
    }
    cache.write("a", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {1, 2, 3}, cache.readAll("a"));
    try (StoreInput in = cache.newInput("a")) {
      assertEquals(3, in.length());
      assertArrayEquals(new byte[] {2, 3}, read(in, 1, 2));
    }
    assertTrue(cache.cachedBytes() <= 8 << 20);
  }

  @Test
  void cachingStoreStaysWithinItsByteBound() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(4 << 20));
    CachingStore cache = new CachingStore(mem, 256 * 1024, 4096, 1 << 20, 0);
    try (StoreInput in = cache.newInput("a")) {
      for (int pos = 0; pos < (4 << 20) - 4096; pos += 4096) {
        in.read(pos, 100);
      }
    }
    Thread.sleep(50);
    assertTrue(cache.cachedBytes() <= 256 * 1024, "cached " + cache.cachedBytes());
  }

  @Test
  void faultyStoreInjectsFailuresAndTruncation() throws Exception {
    MemoryStore mem = new MemoryStore();
    mem.write("a", data(1000));
    FaultyStore f = new FaultyStore(mem).failNextReads(2).truncate("a", 600);
    try (StoreInput in = f.newInput("a")) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 10));
      assertTrue(e.getMessage().contains("mem://"), e.getMessage());
      assertThrows(StoreException.class, () -> in.read(0, 10));
      assertEquals(10, in.read(0, 10).remaining());
      assertEquals(600, in.length());
      assertThrows(EOFException.class, () -> in.read(590, 20));
    }
    assertEquals(2, f.injectedFailures());
  }

  private static byte[] read(StoreInput in, long pos, int len) throws Exception {
    ByteBuffer b = in.read(pos, len);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
