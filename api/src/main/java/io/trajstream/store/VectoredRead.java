package io.trajstream.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call of {@link StoreInput#readVectored}: its merged ranges, each cut into pieces of the part
 * size when longer ("parts", one request each), are queued to the input's I/O pool, and whoever waits for the result with {@link #join} or {@link #get} first runs the
 * parts no pool thread has started yet, so a wait never depends on a free pool thread (a reader
 * running on that very pool cannot deadlock it). When one part fails, the parts not started are
 * dropped, and the future fails only once the started ones have finished: after it completes, in
 * either way, no part still reads the store.
 */
final class VectoredRead extends CompletableFuture<List<ByteBuffer>> {
  private final StoreInput input;
  private final List<ByteRange> ranges;
  private final ByteBuffer[] out;
  private final Part[] parts;
  private final AtomicInteger unsettled;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private VectoredRead(StoreInput input, List<ByteRange> ranges, List<RangeCoalescer.MergedRange> plan, int partSize) {
    this.input = input;
    this.ranges = ranges;
    this.out = new ByteBuffer[ranges.size()];
    List<Part> all = new ArrayList<>(plan.size());
    for (RangeCoalescer.MergedRange merged : plan) {
      if (partSize <= 0 || merged.length() <= partSize + partSize / 4) {
        all.add(new Part(new Merged(merged, null, 1), 0, merged.length()));
        continue;
      }
      // A long merged range: parallel ranged requests of about partSize bytes into one buffer.
      int pieces = (merged.length() + partSize - 1) / partSize;
      Merged m = new Merged(merged, new byte[merged.length()], pieces);
      for (int k = 0; k < pieces; k++) {
        int from = k * partSize;
        all.add(new Part(m, from, Math.min(partSize, merged.length() - from)));
      }
    }
    this.parts = all.toArray(Part[]::new);
    this.unsettled = new AtomicInteger(parts.length);
  }

  /** Plans {@code ranges} and queues every merged range to {@code input.ioExecutor()}. */
  static VectoredRead start(StoreInput input, List<ByteRange> ranges, VectoredReadOptions options) {
    VectoredRead read =
        new VectoredRead(input, List.copyOf(ranges), RangeCoalescer.plan(ranges, options), options.partSizeFor(input));
    if (read.parts.length == 0) {
      read.finish();
      return read;
    }
    Executor executor = input.ioExecutor();
    for (Part p : read.parts) {
      try {
        executor.execute(p);
      } catch (RejectedExecutionException e) {
        p.run(); // the pool is shut down: read here rather than never
      }
    }
    return read;
  }

  /** The location of the input read, for messages. */
  String location() {
    return input.location();
  }

  /** Runs, on the calling thread, every part no other thread has started. */
  private void help() {
    for (Part p : parts) {
      p.run();
    }
  }

  @Override
  public List<ByteBuffer> join() {
    help();
    return super.join();
  }

  @Override
  public List<ByteBuffer> get() throws InterruptedException, ExecutionException {
    help();
    return super.get();
  }

  @Override
  public List<ByteBuffer> get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    help();
    return super.get(timeout, unit);
  }

  /**
   * Drops the parts not started yet; the future completes as cancelled once the started ones have
   * finished (wait for that with {@link #join}). Returns whether this call asked for the
   * cancellation (false when the read had already failed or completed).
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    return fail(new CancellationException(input.location() + ": vectored read cancelled"));
  }

  /** Records the first failure and drops the parts not started; returns whether it was the first. */
  private boolean fail(Throwable t) {
    if (!failure.compareAndSet(null, t)) {
      return false;
    }
    for (Part p : parts) {
      p.drop();
    }
    return true;
  }

  private void settle() {
    if (unsettled.decrementAndGet() == 0) {
      finish();
    }
  }

  private void finish() {
    Throwable t = failure.get();
    if (t == null) {
      super.complete(List.of(out));
    } else if (t instanceof CancellationException) {
      super.cancel(false);
    } else {
      super.completeExceptionally(t);
    }
  }

  /** One merged range and, when it is fetched in pieces, the buffer they fill and how many are left. */
  private final class Merged {
    private final RangeCoalescer.MergedRange range;
    private final byte[] buffer;
    private final AtomicInteger remaining;

    Merged(RangeCoalescer.MergedRange range, byte[] buffer, int pieces) {
      this.range = range;
      this.buffer = buffer;
      this.remaining = new AtomicInteger(pieces);
    }

    /** Hands each member range its read-only slice of {@code whole} (positioned at the merged start). */
    void deliver(ByteBuffer whole) {
      for (int member : range.members()) {
        ByteRange r = ranges.get(member);
        int from = whole.position() + (int) (r.offset() - range.offset());
        out[member] = whole.duplicate().position(from).limit(from + r.length()).slice().asReadOnlyBuffer();
      }
    }
  }

  /**
   * One request: a whole merged range, or a piece of one. Claimed once, by a pool thread, a waiting
   * caller or {@link #drop}.
   */
  private final class Part implements Runnable {
    private final Merged merged;
    private final int from;
    private final int length;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Part(Merged merged, int from, int length) {
      this.merged = merged;
      this.from = from;
      this.length = length;
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        if (failure.get() == null) {
          long offset = merged.range.offset() + from;
          if (merged.buffer == null) {
            merged.deliver(input.read(offset, length));
          } else {
            input.readFully(offset, merged.buffer, from, length);
            if (merged.remaining.decrementAndGet() == 0) {
              merged.deliver(ByteBuffer.wrap(merged.buffer));
            }
          }
        }
      } catch (Throwable t) {
        fail(t);
      } finally {
        settle();
      }
    }

    void drop() {
      if (claimed.compareAndSet(false, true)) {
        settle();
      }
    }
  }
}
