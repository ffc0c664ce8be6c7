package io.trajstream.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The result of a {@link StoreInput#readVectored} transformed by a function, keeping what the
 * original promises: waiting on it runs the parts no pool thread has started on the waiting thread,
 * and {@code cancel} drops the parts not started and completes once the started ones have finished.
 * A plain {@code thenApply} loses both. Made by {@link StoreInput.StoreInputs#map}.
 */
final class MappedVectoredRead extends CompletableFuture<List<ByteBuffer>> {
  private final CompletableFuture<List<ByteBuffer>> inner;

  MappedVectoredRead(CompletableFuture<List<ByteBuffer>> inner, Function<List<ByteBuffer>, List<ByteBuffer>> fn) {
    this.inner = inner;
    inner.whenComplete((v, t) -> {
      if (t != null) {
        completeExceptionally(t);
        return;
      }
      try {
        complete(fn.apply(v));
      } catch (Throwable e) {
        completeExceptionally(e);
      }
    });
  }

  /** Lets the original's wait run its unstarted parts here; its outcome arrives through whenComplete. */
  private void help() {
    try {
      inner.join();
    } catch (CancellationException | java.util.concurrent.CompletionException ignored) {
      // this future completes with the same failure
    }
  }

  @Override
  public List<ByteBuffer> join() {
    help();
    return super.join();
  }

  @Override
  public List<ByteBuffer> get() throws InterruptedException, ExecutionException {
    try {
      inner.get();
    } catch (ExecutionException | CancellationException ignored) {
      // this future completes with the same failure
    }
    return super.get();
  }

  @Override
  public List<ByteBuffer> get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    try {
      inner.get(timeout, unit);
    } catch (ExecutionException | CancellationException ignored) {
      // this future completes with the same failure
    }
    return super.get(timeout, unit);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return inner.cancel(mayInterruptIfRunning);
  }
}
