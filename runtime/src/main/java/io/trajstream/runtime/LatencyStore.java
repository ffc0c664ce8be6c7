package io.trajstream.runtime;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.util.function.LongConsumer;
import java.util.Optional;
import io.trajstream.store.WriteOutcome;
import io.trajstream.store.ObjectStat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Makes a fast store behave like a distant one, for tests, benchmarks and the demo: every request
 * costs a round trip (twice the one-way delay) and its bytes cross a {@link BandwidthLimiter}
 * shared by all requests. Opening an object of known length costs nothing, as on object stores.
 */
public final class LatencyStore extends ForwardingStore {
  private final long oneWayNanos;
  private final BandwidthLimiter link;

  /** {@code oneWay} delay per direction; {@code bytesPerSecond} shared cap (0: unlimited). */
  public LatencyStore(Store delegate, Duration oneWay, long bytesPerSecond) {
    this(delegate, oneWay, new BandwidthLimiter(bytesPerSecond));
  }

  /** As above, sharing {@code link} with other stores. */
  public LatencyStore(Store delegate, Duration oneWay, BandwidthLimiter link) {
    super(delegate);
    this.oneWayNanos = oneWay.toNanos();
    this.link = link;
  }

  private void roundTrip(long bytes) throws IOException {
    BandwidthLimiter.sleepUntil(System.nanoTime() + 2 * oneWayNanos);
    link.transfer(bytes);
  }

  /** As a remote store: many requests in flight hide the round trips. */
  @Override
  public int preferredConcurrency() {
    return Math.max(8, super.preferredConcurrency());
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    roundTrip(0);
    return new SlowInput(delegate.newInput(key));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return new SlowInput(delegate.newInput(key, knownLength));
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    byte[] b;
    try {
      b = delegate.readAll(key);
    } catch (IOException e) {
      roundTrip(0); // an answer saying "no" (404, 403) takes as long to arrive as the bytes would
      throw e;
    }
    roundTrip(b.length);
    return b;
  }

  @Override
  public boolean exists(String key) throws IOException {
    roundTrip(0);
    return delegate.exists(key);
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    roundTrip(0);
    return delegate.list(prefix);
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    roundTrip(data.remaining());
    delegate.write(key, data);
  }

  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    roundTrip(0);
    return delegate.stat(key);
  }

  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    roundTrip(data.remaining());
    return delegate.writeResumable(key, data, progress);
  }

  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    roundTrip(source.length());
    return delegate.writeResumable(key, source, progress);
  }

  @Override
  public void delete(String key) throws IOException {
    roundTrip(0);
    delegate.delete(key);
  }

  private final class SlowInput extends ForwardingStoreInput {
    SlowInput(StoreInput delegate) {
      super(delegate);
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      delegate.readFully(position, buf, off, len);
      roundTrip(len);
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
      ByteBuffer b = delegate.read(position, length);
      roundTrip(length);
      return b;
    }
  }
}
