package io.trajstream.h5md;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Counts requests and sequential round trips through a store: a request's depth is one more than
 * the deepest request that had completed when it started, so requests in flight together share a
 * round trip. Every request, a failing one (a 404) included, takes {@code roundTrip} so that
 * requests issued together overlap.
 */
final class RoundTrips extends ForwardingStore {
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger completedDepth = new AtomicInteger();
  private final AtomicInteger maxDepth = new AtomicInteger();
  private final List<String> log = new ArrayList<>();
  private final long roundTripNanos;

  RoundTrips(Store delegate, java.time.Duration roundTrip) {
    super(delegate);
    this.roundTripNanos = roundTrip.toNanos();
  }

  /** Requests so far. */
  int requests() {
    return requests.get();
  }

  /** Sequential round trips so far. */
  int roundTrips() {
    return maxDepth.get();
  }

  /** Each request as {@code depth kind detail}, in start order. */
  synchronized List<String> log() {
    return List.copyOf(log);
  }

  void reset() {
    requests.set(0);
    completedDepth.set(0);
    maxDepth.set(0);
    synchronized (this) {
      log.clear();
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T request(String what, Call<T> call) throws IOException {
    int depth = completedDepth.get() + 1;
    requests.incrementAndGet();
    maxDepth.accumulateAndGet(depth, Math::max);
    synchronized (this) {
      log.add(depth + " " + what);
    }
    long end = System.nanoTime() + roundTripNanos;
    try {
      return call.run();
    } finally {
      for (long left; (left = end - System.nanoTime()) > 0; ) {
        java.util.concurrent.locks.LockSupport.parkNanos(left);
      }
      completedDepth.accumulateAndGet(depth, Math::max);
    }
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return new Input(request("HEAD " + key, () -> delegate.newInput(key)));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return new Input(delegate.newInput(key, knownLength));
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    return request("GET " + key, () -> delegate.readAll(key));
  }

  @Override
  public boolean exists(String key) throws IOException {
    return request("EXISTS " + key, () -> delegate.exists(key));
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    return request("LIST " + prefix, () -> delegate.list(prefix).toList()).stream();
  }

  private final class Input extends ForwardingStoreInput {
    Input(StoreInput delegate) {
      super(delegate);
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      request("GET [" + position + ", +" + len + ")", () -> {
        delegate.readFully(position, buf, off, len);
        return null;
      });
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
      return request("GET [" + position + ", +" + length + ")", () -> delegate.read(position, length));
    }
  }
}
