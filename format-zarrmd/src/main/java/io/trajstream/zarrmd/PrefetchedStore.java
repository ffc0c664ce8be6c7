package io.trajstream.zarrmd;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.Store;
import io.trajstream.zarr.ParallelTasks;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A store that can fetch a known set of small objects at once, all in flight together, and then
 * serves each of them once from memory. Opening a zarrmd uses it for the step and time arrays of
 * every element, which the consolidated metadata names: one round trip for all of them instead of
 * one each. Other keys, and a key asked for a second time, go to the wrapped store.
 */
final class PrefetchedStore extends ForwardingStore {
  private final Map<String, byte[]> fetched = new ConcurrentHashMap<>();
  private final Set<String> missing = ConcurrentHashMap.newKeySet();

  PrefetchedStore(Store delegate) {
    super(delegate);
  }

  /** Reads {@code keys} whole, concurrently (the calling thread takes part), and keeps them. */
  void fetch(List<String> keys) throws IOException {
    int parallelism = Math.max(1, Math.min(keys.size(), delegate.preferredConcurrency()));
    ParallelTasks.run(keys.size(), parallelism, IoExecutors.shared(), i -> {
      String key = keys.get(i);
      try {
        fetched.put(key, delegate.readAll(key));
      } catch (FileNotFoundException e) {
        missing.add(key);
      }
    });
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    byte[] b = fetched.remove(key);
    if (b != null) {
      return b;
    }
    if (missing.remove(key)) {
      throw new FileNotFoundException(delegate.location(key));
    }
    return delegate.readAll(key);
  }

  @Override
  public ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    if (fetched.containsKey(key) || missing.contains(key)) {
      return ByteBuffer.wrap(readAll(key));
    }
    return delegate.readAll(key, allocator);
  }
}
