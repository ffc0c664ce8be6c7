package io.trajstream.h5md.read;

import io.trajstream.store.IoExecutors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decode threads of one reader: a bounded pool of our own with {@code threads - 1} helper
 * threads (the calling thread is always the first decoder; idle helpers exit), and the {@link
 * DecodeContext}s that decoding threads borrow so that inflaters and scratch arrays are reused.
 */
public final class DecodeWorkers implements AutoCloseable {
  /** Contexts holding more scratch than this are not kept. */
  private static final long MAX_RETAINED_BYTES = 64L << 20;

  private final int threads;
  private final long parallelMinBytes;
  private final String name;
  private final ConcurrentLinkedQueue<DecodeContext> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile ExecutorService helpers;
  private volatile boolean closed;

  /**
   * @param threads decoding threads per read, including the caller's (at least 1)
   * @param parallelMinBytes decoded bytes from which a read is decoded by several threads
   */
  public DecodeWorkers(String name, int threads, long parallelMinBytes) {
    if (threads < 1) {
      throw new IllegalArgumentException("decode-threads must be at least 1, got " + threads);
    }
    this.name = name;
    this.threads = threads;
    this.parallelMinBytes = Math.max(0, parallelMinBytes);
  }

  /** Decoded bytes from which a read is decoded by several threads. */
  public long parallelMinBytes() {
    return parallelMinBytes;
  }

  /** Decoding threads per read, including the caller's. */
  public int threads() {
    return threads;
  }

  /** The helper pool ({@code threads - 1} threads), created on first use; null with one thread. */
  ExecutorService helpers() {
    if (threads == 1) {
      return null;
    }
    ExecutorService h = helpers;
    if (h == null) {
      synchronized (this) {
        h = helpers;
        if (h == null) {
          h = IoExecutors.newBoundedPool(name, threads - 1);
          helpers = h;
        }
      }
    }
    return h;
  }

  /** A context for the calling thread's exclusive use until {@link #release}. */
  DecodeContext borrow() {
    DecodeContext c = idle.poll();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    return new DecodeContext();
  }

  /** Returns a borrowed context for reuse (or ends it when enough are idle or the reader is closed). */
  void release(DecodeContext c) {
    if (closed || c.retainedBytes() > MAX_RETAINED_BYTES) {
      c.close();
      return;
    }
    if (idleCount.incrementAndGet() > threads + 1) {
      idleCount.decrementAndGet();
      c.close();
      return;
    }
    idle.add(c);
    if (closed && idle.remove(c)) {
      idleCount.decrementAndGet();
      c.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    ExecutorService h = helpers;
    if (h != null) {
      h.shutdown();
    }
    DecodeContext c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }
}
