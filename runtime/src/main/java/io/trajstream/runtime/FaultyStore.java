package io.trajstream.runtime;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.LongConsumer;
import io.trajstream.store.WriteOutcome;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects failures, for reliability tests: the next N reads fail with a {@link StoreException},
 * every K-th read fails, reads are delayed, or an object looks truncated (shorter than it is: reads
 * past the cut raise {@link EOFException}); and writes fail after a number of successful ones (an
 * interrupted upload).
 */
public final class FaultyStore extends ForwardingStore {
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failEvery;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private volatile long delayNanos;
  private final Map<String, Long> truncated = new ConcurrentHashMap<>();
  private final AtomicLong writesLeft = new AtomicLong(Long.MAX_VALUE);

  public FaultyStore(Store delegate) {
    super(delegate);
  }

  /** The next {@code n} reads fail. */
  public FaultyStore failNextReads(int n) {
    failNext.set(n);
    return this;
  }

  /** Every {@code k}-th read fails (0: never). */
  public FaultyStore failEvery(int k) {
    failEvery = k;
    return this;
  }

  /** Every read first waits {@code delay}. */
  public FaultyStore delayReads(Duration delay) {
    delayNanos = delay.toNanos();
    return this;
  }

  /** {@code key} appears to be {@code length} bytes long. */
  public FaultyStore truncate(String key, long length) {
    truncated.put(key, length);
    return this;
  }

  /** After {@code n} more successful writes, every write fails (until {@link #allowWrites()}). */
  public FaultyStore failWritesAfter(long n) {
    writesLeft.set(n);
    return this;
  }

  /** Writes succeed again. */
  public FaultyStore allowWrites() {
    writesLeft.set(Long.MAX_VALUE);
    return this;
  }

  private void beforeWrite(String key) throws IOException {
    if (writesLeft.getAndUpdate(v -> v > 0 ? v - 1 : 0) <= 0) {
      injected.incrementAndGet();
      throw new StoreException(location(key), "injected failure on write");
    }
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    beforeWrite(key);
    delegate.write(key, data);
  }

  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    beforeWrite(key);
    return delegate.writeResumable(key, data, progress);
  }

  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    beforeWrite(key);
    return delegate.writeResumable(key, source, progress);
  }

  /** Reads attempted so far. */
  public long reads() {
    return reads.get();
  }

  /** Failures injected so far. */
  public long injectedFailures() {
    return injected.get();
  }

  private void beforeRead(String location) throws IOException {
    long n = reads.incrementAndGet();
    if (delayNanos > 0) {
      BandwidthLimiter.sleepUntil(System.nanoTime() + delayNanos);
    }
    int every = failEvery;
    boolean fail = failNext.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0 || (every > 0 && n % every == 0);
    if (fail) {
      injected.incrementAndGet();
      throw new StoreException(location, "injected failure on read " + n);
    }
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return wrap(key, delegate.newInput(key));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return wrap(key, delegate.newInput(key, knownLength));
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    beforeRead(location(key));
    byte[] all = delegate.readAll(key);
    Long cut = truncated.get(key);
    return cut == null || cut >= all.length ? all : java.util.Arrays.copyOf(all, cut.intValue());
  }

  private StoreInput wrap(String key, StoreInput in) {
    Long cut = truncated.get(key);
    return new ForwardingStoreInput(in) {
      @Override
      public long length() throws IOException {
        return cut == null ? delegate.length() : Math.min(cut, delegate.length());
      }

      private void check(long position, long len) throws IOException {
        beforeRead(location());
        if (cut != null && position + len > cut) {
          throw new EOFException(location() + ": object ended at " + cut + " bytes (truncated) while reading "
              + len + " bytes at " + position);
        }
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        check(position, len);
        delegate.readFully(position, buf, off, len);
      }

      @Override
      public ByteBuffer read(long position, int length) throws IOException {
        check(position, length);
        return delegate.read(position, length);
      }
    };
  }
}
