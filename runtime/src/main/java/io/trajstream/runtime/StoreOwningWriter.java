package io.trajstream.runtime;

import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.store.Store;
import java.io.IOException;

/** A writer that also closes the store it writes to, after committing. */
final class StoreOwningWriter implements TrajectoryWriter {
  private final TrajectoryWriter delegate;
  private final Store store;

  StoreOwningWriter(TrajectoryWriter delegate, Store store) {
    this.delegate = delegate;
    this.store = store;
  }

  @Override
  public void append(FrameBlock block) throws IOException {
    delegate.append(block);
  }

  @Override
  public void appendObservable(io.trajstream.format.ObservableSeries samples) throws IOException {
    delegate.appendObservable(samples);
  }

  @Override
  public int framesWritten() {
    return delegate.framesWritten();
  }

  private boolean finished;

  @Override
  public void abort() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try (Store s = store) {
      delegate.abort();
    }
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try (Store s = store) {
      delegate.close();
    }
  }
}
