package io.trajstream.analysis.engine;

import java.util.concurrent.CancellationException;

/**
 * A token that cancels a run from another thread: the engine stops submitting reads, abandons the
 * blocks in flight and throws {@link CancellationException} from {@code run}.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Requests cancellation; idempotent. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
