package io.trajstream.zarr.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A small process-wide pool of direct buffers for chunk-sized work (Blosc frames being built,
 * stored chunks being read), so that a file store reads and writes them without a copy through a
 * temporary buffer and repeated chunks reuse memory instead of allocating and zeroing it again. At
 * most {@code trajstream.direct.pool.bytes} bytes (default 64 MiB) wait in the pool; a buffer given
 * back beyond that is left to the garbage collector. Thread-safe.
 */
public final class DirectBufferPool {
  private static final long MAX_POOLED = Long.getLong("trajstream.direct.pool.bytes", 64L << 20);
  /** Capacities are rounded up to this, so that chunks of nearly equal size share buffers. */
  private static final int GRAIN = 64 * 1024;
  private static final List<ByteBuffer> FREE = new ArrayList<>();
  private static long pooled;

  private DirectBufferPool() {}

  /**
   * A little-endian direct buffer of at least {@code bytes} capacity, position 0 and limit
   * {@code bytes}; its contents are undefined.
   */
  public static ByteBuffer take(int bytes) {
    synchronized (FREE) {
      int best = -1;
      for (int i = 0; i < FREE.size(); i++) {
        int cap = FREE.get(i).capacity();
        if (cap >= bytes && cap / 2 <= bytes && (best < 0 || cap < FREE.get(best).capacity())) {
          best = i;
        }
      }
      if (best >= 0) {
        ByteBuffer b = FREE.remove(best);
        pooled -= b.capacity();
        return b.clear().limit(bytes);
      }
    }
    int capacity = (int) Math.max(bytes, Math.min(Integer.MAX_VALUE - 8, ((long) bytes + GRAIN - 1) / GRAIN * GRAIN));
    ByteBuffer b;
    try {
      b = ByteBuffer.allocateDirect(capacity);
    } catch (OutOfMemoryError e) {
      // Direct memory is full: let the pooled buffers go and try once more (the JDK collects
      // unreachable direct buffers before it gives up).
      clear();
      b = ByteBuffer.allocateDirect(bytes);
    }
    return b.order(ByteOrder.LITTLE_ENDIAN).limit(bytes);
  }

  /** Lets every pooled buffer go (to the garbage collector). */
  public static void clear() {
    synchronized (FREE) {
      FREE.clear();
      pooled = 0;
    }
  }

  /** Bytes of the buffers waiting in the pool. */
  public static long pooledBytes() {
    synchronized (FREE) {
      return pooled;
    }
  }

  /** Gives back a buffer from {@link #take}; it must no longer be used by the caller. */
  public static void give(ByteBuffer b) {
    if (b == null || !b.isDirect()) {
      return;
    }
    synchronized (FREE) {
      for (ByteBuffer f : FREE) {
        if (f == b) {
          return;
        }
      }
      if (pooled + b.capacity() <= MAX_POOLED) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        FREE.add(b);
        pooled += b.capacity();
      }
    }
  }
}
