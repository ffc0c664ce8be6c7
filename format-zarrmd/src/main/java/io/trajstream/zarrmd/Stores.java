package io.trajstream.zarrmd;

import io.trajstream.store.PrefixedStore;
import io.trajstream.store.Store;

/** Views of a store below a trajectory's key. */
final class Stores {
  private Stores() {}

  /** The store itself for an empty key (or "."), else a view below {@code key}. */
  static Store below(Store store, String key) {
    if (key == null || key.isEmpty() || key.equals(".") || key.equals("/")) {
      return store;
    }
    return new PrefixedStore(store, key);
  }
}
