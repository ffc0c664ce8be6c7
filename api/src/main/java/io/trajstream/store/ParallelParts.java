package io.trajstream.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Sends the parts of one object (blocks, multipart parts) at most {@code inFlight} at once on an
 * executor, for a store's resumable upload. The calling thread reads the next part while earlier
 * ones are in flight, so at most {@code inFlight + 1} parts are in memory; {@code progress} is
 * told each part's size, from the calling thread, once that part is in place. When a part fails,
 * every other part already in flight is waited for before its exception is thrown (unchanged, so
 * the store's own message and type reach the caller): none lands unnoticed after the call
 * returned, and a rerun finds everything that did land. Use it in try-with-resources: {@link
 * #close()} waits in the same way when the caller itself fails between parts (its source broke
 * off, its progress callback threw).
 *
 * <p>Not thread-safe: one instance per upload, used from the thread that reads the parts.
 */
public final class ParallelParts implements AutoCloseable {
  /** One part's upload, throwing the store's own exception. */
  @FunctionalInterface
  public interface Part {
    /** Sends the part. */
    void send() throws IOException;
  }

  private record Pending(CompletableFuture<Void> future, long bytes) {}

  private final Executor executor;
  private final int inFlight;
  private final LongConsumer progress;
  private final String location;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private int sent;

  /**
   * Parts of the object at {@code location} (for messages) go to {@code executor}, at most {@code
   * inFlight} at once; {@code progress} learns each part's bytes once it is in place.
   */
  public ParallelParts(Executor executor, int inFlight, LongConsumer progress, String location) {
    if (inFlight < 1) {
      throw new IllegalArgumentException(location + ": parts in flight must be at least 1, not " + inFlight);
    }
    this.executor = executor;
    this.inFlight = inFlight;
    this.progress = progress;
    this.location = location;
  }

  /**
   * Starts {@code part} ({@code bytes} long) once fewer than {@code inFlight} parts are in flight,
   * reporting the parts that have finished meanwhile; throws the first failure met.
   */
  public void submit(long bytes, Part part) throws IOException {
    reapFinished();
    while (pending.size() >= inFlight) {
      awaitOldest();
    }
    pending.add(new Pending(CompletableFuture.runAsync(() -> {
      try {
        part.send();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, executor), bytes));
    sent++;
  }

  /** Waits for every part submitted, reporting each; throws the first failure met. */
  public void finish() throws IOException {
    while (!pending.isEmpty()) {
      awaitOldest();
    }
  }

  /**
   * Waits for every part still in flight, whatever their outcome, without reporting them: after
   * {@link #finish()} there are none; after a failure, this keeps parts from landing once the
   * upload has been given up.
   */
  @Override
  public void close() {
    drain();
  }

  /** How many parts were submitted. */
  public int submitted() {
    return sent;
  }

  private void reapFinished() throws IOException {
    while (!pending.isEmpty() && pending.peekFirst().future().isDone()) {
      awaitOldest();
    }
  }

  private void awaitOldest() throws IOException {
    Pending p = pending.peekFirst();
    try {
      p.future().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException(
          location + ": interrupted during the upload; the parts in place are kept: run again to resume");
      io.initCause(e);
      throw io;
    } catch (ExecutionException | CompletionException e) {
      drain();
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new StoreException(location, "a part failed; the parts in place are kept: run again to resume", c);
    }
    pending.removeFirst();
    progress.accept(p.bytes());
  }

  /** Waits for every part still in flight, ignoring how each ends. */
  private void drain() {
    for (Pending p : pending) {
      try {
        p.future().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | CompletionException ignored) {
        // only waiting, so that nothing lands after the failure is reported
      }
    }
    pending.clear();
  }
}
