package io.trajstream.store;

import java.nio.ByteBuffer;
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
 * One call of {@link StoreInput#readVectored}: its merged ranges ("parts") are queued to the input's
 * I/O pool, and whoever waits for the result with {@link #join} or {@link #get} first runs the
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

  private VectoredRead(StoreInput input, List<ByteRange> ranges, List<RangeCoalescer.MergedRange> plan) {
    this.input = input;
    this.ranges = ranges;
    this.out = new ByteBuffer[ranges.size()];
    this.parts = new Part[plan.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = new Part(plan.get(i));
    }
    this.unsettled = new AtomicInteger(parts.length);
  }

  /** Plans {@code ranges} and queues every merged range to {@code input.ioExecutor()}. */
  static VectoredRead start(StoreInput input, List<ByteRange> ranges, VectoredReadOptions options) {
    VectoredRead read = new VectoredRead(input, List.copyOf(ranges), RangeCoalescer.plan(ranges, options));
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

  /** One merged range: claimed once, by a pool thread, a waiting caller or {@link #drop}. */
  private final class Part implements Runnable {
    private final RangeCoalescer.MergedRange merged;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Part(RangeCoalescer.MergedRange merged) {
      this.merged = merged;
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        if (failure.get() == null) {
          ByteBuffer whole = input.read(merged.offset(), merged.length());
          for (int member : merged.members()) {
            ByteRange r = ranges.get(member);
            int from = whole.position() + (int) (r.offset() - merged.offset());
            out[member] = whole.duplicate().position(from).limit(from + r.length()).slice().asReadOnlyBuffer();
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
