package io.trajstream.store;

import io.trajstream.ExtensionPoint;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Creates stores for one or more URL schemes. Found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.trajstream.store.StoreFactory}.
 */
@ExtensionPoint
public interface StoreFactory {
  /** The URL schemes handled, lower case (e.g. {@code s3}). */
  Set<String> schemes();

  /**
   * The storage option keys this factory reads (e.g. {@code s3.endpoint}), so that a key no
   * installed factory declares is refused, naming the closest declared one ({@link
   * StoreConfig#requireKnown}). None by default.
   */
  default Set<String> optionNames() {
    return Set.of();
  }

  /** Opens a store rooted at {@code root} (bucket plus prefix, directory, …). */
  Store create(URI root, StoreConfig config) throws IOException;
}
