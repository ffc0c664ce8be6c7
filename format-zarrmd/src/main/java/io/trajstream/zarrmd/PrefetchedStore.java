package io.trajstream.zarrmd;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.Store;
import io.trajstream.zarr.ParallelTasks;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A store that fetches a known set of small objects at once, all in flight together, and then
 * serves each of them once from memory. Opening a zarrmd uses it twice: {@link #speculate} starts
 * the step and time arrays of the conventional element names in the background while the
 * consolidated metadata is read, and {@link #fetch} then gets those the metadata names that were not
 * guessed, so a conventional store opens in one round trip. Other keys, and a key asked for a second
 * time, go to the wrapped store.
 *
 * <p>A speculative read that fails for any reason other than absence is forgotten, and the real
 * read goes to the wrapped store (which then reports its own error). {@link #settle} cancels
 * speculative reads not yet started and waits for those running, so none touches the store after
 * the open that made them returns.
 */
final class PrefetchedStore extends ForwardingStore {
  /** One object being or having been fetched ahead; {@code bytes} completes with null when absent. */
  private static final class Ahead {
    final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
  }

  private final Map<String, Ahead> ahead = new ConcurrentHashMap<>();

  PrefetchedStore(Store delegate) {
    super(delegate);
  }

  /**
   * Starts reading {@code keys} whole in the background, without waiting: objects that may well be
   * needed, read while the caller does something else.
   */
  void speculate(List<String> keys) {
    for (String key : keys) {
      Ahead a = new Ahead();
      if (ahead.putIfAbsent(key, a) != null) {
        continue;
      }
      try {
        IoExecutors.shared().execute(() -> runIfUnclaimed(key, a));
      } catch (RejectedExecutionException e) {
        ahead.remove(key);
      }
    }
  }

  /**
   * Reads {@code keys} whole, concurrently (the calling thread takes part), and keeps them; keys
   * already read ahead are not read again, and speculative reads not started yet run here.
   */
  void fetch(List<String> keys) throws IOException {
    List<String> todo = new ArrayList<>();
    for (String key : keys) {
      Ahead a = ahead.get(key);
      if (a == null || !a.claimed.get()) {
        todo.add(key); // not read ahead, or read ahead but not started: run with the others
      }
    }
    // small objects (step and time chunks, metadata): up to 16 in flight even where the store prefers fewer
    int parallelism = Math.max(1, Math.min(todo.size(), Math.max(16, delegate.preferredConcurrency())));
    ParallelTasks.run(todo.size(), parallelism, IoExecutors.shared(), i -> {
      String key = todo.get(i);
      runIfUnclaimed(key, ahead.computeIfAbsent(key, k -> new Ahead()));
    });
  }

  /** Cancels speculative reads not started and waits for those running. */
  void settle() {
    for (Ahead a : ahead.values()) {
      if (a.claimed.compareAndSet(false, true)) {
        a.bytes.completeExceptionally(new IOException("not needed"));
      } else {
        try {
          a.bytes.join();
        } catch (RuntimeException ignored) {
          // a failed read ahead: nothing runs any more
        }
      }
    }
  }

  private void runIfUnclaimed(String key, Ahead a) {
    if (!a.claimed.compareAndSet(false, true)) {
      return;
    }
    try {
      a.bytes.complete(delegate.readAll(key));
    } catch (FileNotFoundException e) {
      a.bytes.complete(null);
    } catch (IOException | RuntimeException e) {
      a.bytes.completeExceptionally(e);
    }
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    Ahead a = ahead.remove(key);
    if (a != null) {
      if (!a.claimed.compareAndSet(false, true)) {
        byte[] b;
        try {
          b = a.bytes.join();
        } catch (RuntimeException failed) {
          return delegate.readAll(key); // a speculative read failed: the real read reports why
        }
        if (b == null) {
          throw new FileNotFoundException(delegate.location(key));
        }
        return b;
      }
      // claimed here, so never started: read it now
    }
    return delegate.readAll(key);
  }

  @Override
  public ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    if (ahead.containsKey(key)) {
      return ByteBuffer.wrap(readAll(key));
    }
    return delegate.readAll(key, allocator);
  }
}
