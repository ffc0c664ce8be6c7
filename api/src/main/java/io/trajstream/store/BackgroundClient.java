package io.trajstream.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client (typically a cloud SDK's) built on a thread of its own from the moment its store is
 * created. Building one loads and initialises much of an SDK, which in a fresh JVM takes longer
 * than a round trip; built in the background, it is off the critical path: opening a trajectory
 * does its other work (plugins, format classes, caches) meanwhile, and the first request waits only
 * for what is left. A failure to build is thrown by every {@link #get()}, as it was thrown.
 *
 * @param <T> the client type
 */
public final class BackgroundClient<T> implements AutoCloseable {
  private final CompletableFuture<T> built = new CompletableFuture<>();
  private final Consumer<? super T> closer;

  /**
   * Starts building on a daemon thread named {@code threadName}; {@code closer} closes what was
   * built when this is closed.
   */
  public BackgroundClient(String threadName, Supplier<? extends T> builder, Consumer<? super T> closer) {
    this.closer = closer;
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
    built.complete(client);
  }

  /** The client, once built (waits for the build); a failure to build is rethrown as it was thrown. */
  public T get() {
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
    T client;
    try {
      client = built.join();
    } catch (CompletionException e) {
      return; // never built: nothing to close
    }
    closer.accept(client);
  }
}
