package io.trajstream.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A link of fixed bandwidth shared by all requests that use it: each transfer reserves the next
 * free slot of the link, so concurrent transfers together never exceed the cap.
 */
public final class BandwidthLimiter {
  private final double bytesPerNano;
  private long nextFree = System.nanoTime();

  /** A link of {@code bytesPerSecond}; 0 or less means unlimited. */
  public BandwidthLimiter(long bytesPerSecond) {
    this.bytesPerNano = bytesPerSecond <= 0 ? Double.POSITIVE_INFINITY : bytesPerSecond / 1e9;
  }

  /** Bytes per second, or 0 when unlimited. */
  public long bytesPerSecond() {
    return Double.isInfinite(bytesPerNano) ? 0 : Math.round(bytesPerNano * 1e9);
  }

  /** Blocks until {@code bytes} have crossed the link. */
  public void transfer(long bytes) throws java.io.InterruptedIOException {
    if (Double.isInfinite(bytesPerNano) || bytes <= 0) {
      return;
    }
    long done;
    synchronized (this) {
      long start = Math.max(System.nanoTime(), nextFree);
      done = start + (long) (bytes / bytesPerNano);
      nextFree = done;
    }
    sleepUntil(done);
  }

  static void sleepUntil(long deadlineNanos) throws java.io.InterruptedIOException {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while simulating the network");
      }
    }
  }
}
