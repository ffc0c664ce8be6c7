package io.trajstream.testkit;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.ForwardingStoreInput;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A store that records every request passed to the wrapped store, in the order they start, with
 * its depth in the chain of sequential round trips: a request's depth is one more than the deepest
 * request that had finished when it started (it may have depended on that one); requests in flight
 * together share a depth. {@link #roundTrips()} is the deepest depth, the number of round trips a
 * distant store would wait for one after the other. Opening an object of unknown length ({@link
 * #newInput(String)}) counts as a request (a HEAD on object stores). Wrap a {@code LatencyStore}
 * when the requests under test are meant to overlap, so that they really are in flight together.
 */
public final class RequestTrace extends ForwardingStore {
  /** One request: its kind ({@code HEAD}, {@code GET}, {@code EXISTS}, {@code LIST}, {@code PUT},
   * {@code DELETE}), what it named (a key, with the byte range of a ranged GET) and its depth. */
  public record Request(String kind, String what, int depth) {
    @Override
    public String toString() {
      return depth + ":" + kind + " " + what;
    }
  }

  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger finishedDepth = new AtomicInteger();

  public RequestTrace(Store delegate) {
    super(delegate);
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private <T> T trace(String kind, String what, Call<T> call) throws IOException {
    int depth = finishedDepth.get() + 1;
    requests.add(new Request(kind, what, depth));
    try {
      return call.run();
    } finally {
      finishedDepth.accumulateAndGet(depth, Math::max);
    }
  }

  /** The requests so far, in the order they started. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many requests so far. */
  public int count() {
    return requests.size();
  }

  /** The sequential round trips so far: the deepest request's depth (0 when none). */
  public int roundTrips() {
    return requests().stream().mapToInt(Request::depth).max().orElse(0);
  }

  /** Forgets the requests so far; later requests count their depth from zero again. */
  public void reset() {
    synchronized (requests) {
      requests.clear();
      finishedDepth.set(0);
    }
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    return new TracedInput(trace("HEAD", key, () -> delegate.newInput(key)), key);
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    return new TracedInput(delegate.newInput(key, knownLength), key);
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    return trace("GET", key, () -> delegate.readAll(key));
  }

  @Override
  public ByteBuffer readAll(String key, java.util.function.IntFunction<ByteBuffer> allocator) throws IOException {
    return trace("GET", key, () -> delegate.readAll(key, allocator));
  }

  @Override
  public boolean exists(String key) throws IOException {
    return trace("EXISTS", key, () -> delegate.exists(key));
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    return trace("LIST", prefix, () -> delegate.list(prefix).toList()).stream();
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    trace("PUT", key, () -> {
      delegate.write(key, data);
      return null;
    });
  }

  @Override
  public void delete(String key) throws IOException {
    trace("DELETE", key, () -> {
      delegate.delete(key);
      return null;
    });
  }

  private final class TracedInput extends ForwardingStoreInput {
    private final String key;

    TracedInput(StoreInput delegate, String key) {
      super(delegate);
      this.key = key;
    }

    private String range(long position, int length) {
      return key + " [" + position + ", " + (position + length) + ")";
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      trace("GET", range(position, len), () -> {
        delegate.readFully(position, buf, off, len);
        return null;
      });
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
      return trace("GET", range(position, length), () -> delegate.read(position, length));
    }
  }
}
