package io.trajstream.h5md.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Filters chunks on a few threads of its own and appends them to the file in the order they were
 * submitted, so that deflate, the slow part of writing, uses more than one core. At most two chunks
 * per thread wait or are being encoded at any time (the caller blocks on the oldest beyond that),
 * which keeps memory bounded by the chunk size. With one thread, chunks are encoded on the caller.
 */
final class ChunkEncoder implements AutoCloseable {
  /** Told where a chunk went. */
  @FunctionalInterface
  interface Stored {
    void at(long address, long size);
  }

  private record Pending(Future<byte[]> encoded, Stored stored) {}

  private final HdfOutput out;
  private final ExecutorService pool;
  private final int maxPending;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  /** @param threads encoding threads; 1 encodes on the caller */
  ChunkEncoder(HdfOutput out, int threads) {
    this.out = out;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "h5md-chunk-encoder");
      t.setDaemon(true);
      return t;
    }) : null;
    this.maxPending = 2 * Math.max(1, threads);
  }

  /** Threads for {@code filters}: only deflate is worth more than the caller's. */
  static int threadsFor(HdfFilters filters) {
    return filters.deflateLevel() > 0 ? Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())) : 1;
  }

  /** Encodes {@code chunk} (which the caller may reuse after this returns) and stores it in turn. */
  void submit(byte[] chunk, HdfFilters filters, int elementSize, Stored stored) throws IOException {
    if (pool == null) {
      byte[] enc = filters.encode(chunk, chunk.length, elementSize);
      stored.at(out.append(enc), enc.length);
      return;
    }
    byte[] copy = chunk.clone();
    pending.add(new Pending(pool.submit(() -> filters.encode(copy, copy.length, elementSize)), stored));
    while (pending.size() > maxPending) {
      storeOldest();
    }
  }

  /** Stores every submitted chunk. */
  void drain() throws IOException {
    while (!pending.isEmpty()) {
      storeOldest();
    }
  }

  private void storeOldest() throws IOException {
    Pending p = pending.poll();
    byte[] enc;
    try {
      enc = p.encoded().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing chunks of " + out.path());
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(out.path() + ": compressing a chunk failed", c);
    }
    p.stored().at(out.append(enc), enc.length);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    pending.clear();
  }
}
