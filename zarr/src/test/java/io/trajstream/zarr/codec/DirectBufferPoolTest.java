package io.trajstream.zarr.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Buffers come back for requests they fit (not much larger), and the pool stays within its bound. */
class DirectBufferPoolTest {
  @Test
  void reusesAGivenBufferForARequestItFits() {
    DirectBufferPool.clear();
    ByteBuffer a = DirectBufferPool.take(1_000_000);
    assertTrue(a.isDirect());
    assertEquals(0, a.position());
    assertEquals(1_000_000, a.limit());
    assertEquals(ByteOrder.LITTLE_ENDIAN, a.order());
    DirectBufferPool.give(a);
    DirectBufferPool.give(a); // twice is harmless
    assertEquals(a.capacity(), DirectBufferPool.pooledBytes());
    ByteBuffer b = DirectBufferPool.take(900_000);
    assertSame(a, b, "a pooled buffer large enough is reused");
    assertEquals(900_000, b.limit());
    assertEquals(0, DirectBufferPool.pooledBytes());
    DirectBufferPool.give(b);
    ByteBuffer small = DirectBufferPool.take(100_000);
    assertNotSame(a, small, "a buffer more than twice the request stays for larger ones");
    DirectBufferPool.give(ByteBuffer.allocate(10)); // heap buffers are not pooled
    assertEquals(a.capacity(), DirectBufferPool.pooledBytes());
    DirectBufferPool.clear();
    assertEquals(0, DirectBufferPool.pooledBytes());
  }

  @Test
  void keepsNoMoreThanItsBound() {
    DirectBufferPool.clear();
    long bound = Long.getLong("trajstream.direct.pool.bytes", 64L << 20);
    int size = 8 << 20;
    ByteBuffer[] taken = new ByteBuffer[(int) (bound / size) + 3];
    for (int i = 0; i < taken.length; i++) {
      taken[i] = DirectBufferPool.take(size);
    }
    for (ByteBuffer b : taken) {
      DirectBufferPool.give(b);
    }
    assertTrue(DirectBufferPool.pooledBytes() <= bound, DirectBufferPool.pooledBytes() + " pooled, bound " + bound);
    assertTrue(DirectBufferPool.pooledBytes() >= bound - size, "the pool fills up to its bound");
    DirectBufferPool.clear();
  }
}
