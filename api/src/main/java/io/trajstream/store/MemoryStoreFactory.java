package io.trajstream.store;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@code mem://name/prefix} stores: all stores with the same {@code name} share one in-memory map
 * for the life of the JVM, so a writer and a reader can meet by URL.
 */
public final class MemoryStoreFactory implements StoreFactory {
  private static final Map<String, ConcurrentSkipListMap<String, byte[]>> SPACES = new ConcurrentHashMap<>();

  @Override
  public Set<String> schemes() {
    return Set.of("mem");
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    String name = root.getAuthority() == null ? "default" : root.getAuthority();
    String path = root.getPath() == null ? "" : root.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    ConcurrentSkipListMap<String, byte[]> space = SPACES.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>());
    MemoryStore whole = new MemoryStore("mem://" + name + "/", space);
    return path.isEmpty() ? whole : new PrefixedStore(whole, path);
  }
}
