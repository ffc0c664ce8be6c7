package io.trajstream.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * An in-process store ({@code mem:} URLs) holding immutable byte arrays. Stores with the same name
 * opened through {@link MemoryStoreFactory} share their contents for the life of the JVM.
 */
public final class MemoryStore implements Store {
  private final String root;
  private final ConcurrentSkipListMap<String, byte[]> objects;

  public MemoryStore() {
    this("mem://anonymous-" + Integer.toHexString(System.identityHashCode(new Object())) + "/");
  }

  public MemoryStore(String root) {
    this(root, new ConcurrentSkipListMap<>());
  }

  MemoryStore(String root, ConcurrentSkipListMap<String, byte[]> objects) {
    this.root = root.endsWith("/") ? root : root + "/";
    this.objects = objects;
  }

  @Override
  public String root() {
    return root;
  }

  private byte[] get(String key) throws FileNotFoundException {
    byte[] data = objects.get(Keys.check(root, key));
    if (data == null) {
      throw new FileNotFoundException(location(key) + ": no such object");
    }
    return data;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    byte[] data = get(key);
    String where = location(key);
    return new StoreInput() {
      @Override
      public long length() {
        return data.length;
      }

      @Override
      public String location() {
        return where;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        StoreInputs.checkRange(where, data.length, position, len);
        System.arraycopy(data, (int) position, buf, off, len);
      }

      @Override
      public ByteBuffer read(long position, int length) throws IOException {
        StoreInputs.checkRange(where, data.length, position, length);
        return ByteBuffer.wrap(data, (int) position, length).slice().asReadOnlyBuffer();
      }
    };
  }

  @Override
  public byte[] readAll(String key) throws IOException {
    return get(key).clone();
  }

  @Override
  public boolean exists(String key) {
    return objects.containsKey(Keys.check(root, key));
  }

  @Override
  public Stream<StoreEntry> list(String prefix) {
    String p = prefix == null ? "" : prefix;
    List<StoreEntry> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : objects.tailMap(p, true).entrySet()) {
      if (!e.getKey().startsWith(p)) {
        break;
      }
      out.add(new StoreEntry(e.getKey(), e.getValue().length));
    }
    return out.stream();
  }

  @Override
  public void write(String key, ByteBuffer data) {
    ByteBuffer d = data.duplicate();
    byte[] copy = new byte[d.remaining()];
    d.get(copy);
    objects.put(Keys.check(root, key), copy);
  }

  @Override
  public void delete(String key) {
    objects.remove(Keys.check(root, key));
  }

  /** One per processor: reads are memory copies. */
  @Override
  public int preferredConcurrency() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.FULL;
  }

  /** Total bytes held. */
  public long sizeInBytes() {
    return objects.values().stream().mapToLong(b -> b.length).sum();
  }
}
