package io.trajstream.runtime;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A reader that also closes the store it was opened from. */
final class StoreOwningReader implements TrajectoryReader {
  private final TrajectoryReader delegate;
  private final Store store;

  StoreOwningReader(TrajectoryReader delegate, Store store) {
    this.delegate = delegate;
    this.store = store;
  }

  @Override
  public TrajectoryInfo info() {
    return delegate.info();
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    return delegate.read(frames, atoms, fields);
  }

  @Override
  public CompletableFuture<FrameBlock> readAsync(FrameRange frames, AtomSelection atoms, Set<Field> fields,
      Executor executor) {
    return delegate.readAsync(frames, atoms, fields, executor);
  }

  @Override
  public io.trajstream.format.ObservableBlock observable(String path, FrameRange frames) throws IOException {
    return delegate.observable(path, frames);
  }

  @Override
  public io.trajstream.format.ObservableSeries observableSamples(String path, int from, int to) throws IOException {
    return delegate.observableSamples(path, from, to);
  }

  @Override
  public void close() throws IOException {
    try (Store s = store) {
      delegate.close();
    }
  }
}
