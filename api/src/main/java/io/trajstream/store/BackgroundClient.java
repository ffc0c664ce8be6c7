package io.trajstream.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client (typically a cloud SDK's) built on a thread of its own from the moment its store is
 * created. Building one loads and initialises much of an SDK, which in a fresh JVM takes longer
 * than a round trip; built in the background, it is off the critical path: opening a trajectory
 * does its other work (plugins, format classes, caches) meanwhile, and the first request waits only
 * for what is left. A failure to build is thrown by every {@link #get()}, as it was thrown. A store
 * that may never need the client (its reads go another way) builds it on first use instead ({@link
 * #onFirstUse}).
 *
 * @param <T> the client type
 */
public final class BackgroundClient<T> implements AutoCloseable {
  private final CompletableFuture<T> built = new CompletableFuture<>();
  private final Consumer<? super T> closer;
  private final Supplier<? extends T> onFirstUse;
  private final AtomicBoolean asked;

  /**
   * Starts building on a daemon thread named {@code threadName}; {@code closer} closes what was
   * built when this is closed.
   */
  public BackgroundClient(String threadName, Supplier<? extends T> builder, Consumer<? super T> closer) {
    this.closer = closer;
    this.onFirstUse = null;
    this.asked = new AtomicBoolean(true);
    Thread t = IoExecutors.daemonThreads(threadName).newThread(() -> {
      try {
        built.complete(builder.get());
      } catch (Throwable e) {
        built.completeExceptionally(e);
      }
    });
    t.start();
  }

  /** A client built already (by the caller), closed by {@code closer}. */
  public static <T> BackgroundClient<T> ready(T client, Consumer<? super T> closer) {
    return new BackgroundClient<>(client, closer);
  }

  private BackgroundClient(T client, Consumer<? super T> closer) {
    this.closer = closer;
    this.onFirstUse = null;
    this.asked = new AtomicBoolean(true);
    built.complete(client);
  }

  /**
   * A client built by the first {@link #get()}, on its thread (later callers wait for it); never
   * built if never asked for. Closed by {@code closer}.
   */
  public static <T> BackgroundClient<T> onFirstUse(Supplier<? extends T> builder, Consumer<? super T> closer) {
    return new BackgroundClient<>(builder, closer);
  }

  private BackgroundClient(Supplier<? extends T> builder, Consumer<? super T> closer) {
    this.closer = closer;
    this.onFirstUse = builder;
    this.asked = new AtomicBoolean(false);
  }

  /** Whether the client was asked for, so built or being built (always, unless {@link #onFirstUse}). */
  public boolean asked() {
    return asked.get();
  }

  /** The client, once built (waits for the build); a failure to build is rethrown as it was thrown. */
  public T get() {
    if (onFirstUse != null && asked.compareAndSet(false, true)) {
      try {
        built.complete(onFirstUse.get());
      } catch (Throwable e) {
        built.completeExceptionally(e);
      }
    }
    try {
      return built.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Waits for the build to end and closes the client, if one was built. */
  @Override
  public void close() {
    if (onFirstUse != null && asked.compareAndSet(false, true)) {
      built.completeExceptionally(new IllegalStateException("closed before first use"));
      return; // never asked for: nothing built, nothing to close
    }
    T client;
    try {
      client = built.join();
    } catch (CompletionException e) {
      return; // never built: nothing to close
    }
    closer.accept(client);
  }
}
