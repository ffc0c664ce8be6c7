package io.trajstream.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code file:} URLs: the URL's path is the root directory. Option {@code file.fsync=true} forces
 * every written file to disk before it becomes visible; {@code file.concurrency=N} sets how many
 * fetches readers keep in flight (default: one per processor; more for a network file system).
 */
public final class FileStoreFactory implements StoreFactory {
  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of("file.fsync", "file.concurrency");
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    return new FileStore(Path.of(root), config.getBoolean("file.fsync", false),
        config.getInt("file.concurrency", Runtime.getRuntime().availableProcessors()));
  }
}
