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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Counts the requests and bytes that pass to the wrapped store, per operation, and the most
 * ranged reads ever in flight at once. Tests assert request economy with it; benchmarks report it.
 */
public final class MeteredStore extends ForwardingStore {
  /** The kinds of request a store makes. */
  public enum Operation {
    /** Opening an object of unknown length (a metadata request on object stores). */
    HEAD,
    /** A ranged or whole-object read. */
    GET,
    EXISTS,
    LIST,
    PUT,
    DELETE
  }

  private final EnumMap<Operation, AtomicLong> requests = new EnumMap<>(Operation.class);
  private final EnumMap<Operation, AtomicLong> bytes = new EnumMap<>(Operation.class);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  public MeteredStore(Store delegate) {
    super(delegate);
    for (Operation op : Operation.values()) {
      requests.put(op, new AtomicLong());
      bytes.put(op, new AtomicLong());
    }
  }

  private void count(Operation op, long n) {
    requests.get(op).incrementAndGet();
    bytes.get(op).addAndGet(n);
  }

  /** Requests of one kind so far. */
  public long requests(Operation op) {
    return requests.get(op).get();
  }

  /** Requests of all kinds so far. */
  public long totalRequests() {
    return requests.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Bytes moved by one kind of request (read for GET, written for PUT). */
  public long bytes(Operation op) {
    return bytes.get(op).get();
  }

  /** The most GETs that were in flight at the same moment. */
  public int maxConcurrentReads() {
    return maxInFlight.get();
  }

  /** A snapshot of request counts per operation. */
  public Map<Operation, Long> snapshot() {
    Map<Operation, Long> m = new EnumMap<>(Operation.class);
    requests.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** Sets every counter back to zero. */
  public void reset() {
    requests.values().forEach(c -> c.set(0));
    bytes.values().forEach(c -> c.set(0));
    maxInFlight.set(0);
  }

  private <T> T timedGet(IoCall<T> call, long n) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      T t = call.run();
      count(Operation.GET, n);
      return t;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @FunctionalInterface
  private interface IoCall<T> {
    T run() throws IOException;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    count(Operation.HEAD, 0);
    return new MeteredInput(delegate.newInput(key));
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return new MeteredInput(delegate.newInput(key, knownLength));
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      byte[] b = delegate.readAll(key);
      count(Operation.GET, b.length);
      return b;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public ByteBuffer readAll(String key, java.util.function.IntFunction<ByteBuffer> allocator) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      ByteBuffer b = delegate.readAll(key, allocator);
      count(Operation.GET, b.remaining());
      return b;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    count(Operation.EXISTS, 0);
    return delegate.exists(key);
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    count(Operation.LIST, 0);
    List<StoreEntry> entries = delegate.list(prefix).toList();
    return entries.stream();
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    count(Operation.PUT, data.remaining());
    delegate.write(key, data);
  }

  /** Counted as a {@link Operation#HEAD}. */
  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    count(Operation.HEAD, 0);
    return delegate.stat(key);
  }

  /** Counted as one {@link Operation#PUT} of the bytes actually sent. */
  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    WriteOutcome o = delegate.writeResumable(key, data, progress);
    count(Operation.PUT, o.bytes() - o.bytesSkipped());
    return o;
  }

  /** Counted as one {@link Operation#PUT} of the bytes actually sent. */
  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    WriteOutcome o = delegate.writeResumable(key, source, progress);
    count(Operation.PUT, o.bytes() - o.bytesSkipped());
    return o;
  }

  @Override
  public void delete(String key) throws IOException {
    count(Operation.DELETE, 0);
    delegate.delete(key);
  }

  private final class MeteredInput extends ForwardingStoreInput {
    MeteredInput(StoreInput delegate) {
      super(delegate);
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      timedGet(() -> {
        delegate.readFully(position, buf, off, len);
        return null;
      }, len);
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
      return timedGet(() -> delegate.read(position, length), length);
    }
  }
}
