package io.trajstream.benchmarks;

import io.trajstream.store.ForwardingStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreException;
import java.nio.ByteBuffer;

/**
 * A store seen through a read-only window: reads pass through, a write or delete fails before it
 * reaches the store. Measurements of data the user may only read go through it, so that they
 * cannot change it even by mistake. Closing the view does not close the store.
 */
final class ReadOnlyView extends ForwardingStore {
  ReadOnlyView(Store delegate) {
    super(delegate);
  }

  @Override
  public void write(String key, ByteBuffer data) throws StoreException {
    throw new StoreException(location(key), "a read-only measurement does not write");
  }

  @Override
  public void delete(String key) throws StoreException {
    throw new StoreException(location(key), "a read-only measurement does not delete");
  }

  @Override
  public StoreCapabilities capabilities() {
    StoreCapabilities c = delegate.capabilities();
    return new StoreCapabilities(c.listable(), false, false);
  }

  @Override
  public void close() {
    // the caller owns the store
  }
}
