package io.trajstream.store;

import io.trajstream.ExtensionPoint;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One root location (a bucket and prefix, a directory, …) and the objects below it, addressed by
 * {@code /}-separated keys. Missing keys raise {@link FileNotFoundException}, reads past the end
 * {@link java.io.EOFException}, anything else {@link StoreException}; every message names the full
 * location. Implementations are thread-safe.
 */
@ExtensionPoint
public interface Store extends Closeable {

  /** The root, e.g. {@code s3://bucket/prefix/}, {@code file:/data/}. */
  String root();

  /** The full location of {@code key}, for messages. */
  default String location(String key) {
    String r = root();
    return r.endsWith("/") ? r + key : r + "/" + key;
  }

  /** Opens {@code key} for positional reads; may cost one metadata request to learn the length. */
  StoreInput newInput(String key) throws IOException;

  /** Opens {@code key} whose length is already known: no metadata request. */
  default StoreInput newInput(String key, long knownLength) throws IOException {
    return newInput(key);
  }

  /** Reads a whole object. */
  default byte[] readAll(String key) throws IOException {
    try (StoreInput in = newInput(key)) {
      long len = in.length();
      if (len > Integer.MAX_VALUE - 8) {
        throw new StoreException(location(key), "object of " + len + " bytes is too large to read whole");
      }
      byte[] buf = new byte[(int) len];
      in.readFully(0, buf, 0, buf.length);
      return buf;
    }
  }

  /**
   * Reads a whole object and returns it from index 0 to the buffer's limit. A store that can read
   * straight into memory of the caller's choosing (a local file into a direct buffer, say) asks
   * {@code allocator} for a buffer of the object's length (capacity at least that) and returns it;
   * any other store returns a heap buffer of its own rather than copy into one. Lets callers reuse
   * buffers without costing anything where that does not help. By default: {@link #readAll(String)},
   * wrapped.
   */
  default ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    return ByteBuffer.wrap(readAll(key));
  }

  /** Whether {@code key} names an object. */
  boolean exists(String key) throws IOException;

  /**
   * The objects whose keys start with {@code prefix}, sorted by key. Requires {@link
   * StoreCapabilities#listable()}.
   */
  Stream<StoreEntry> list(String prefix) throws IOException;

  /**
   * Writes {@code data} (from its position to its limit) as {@code key}, replacing any old object
   * atomically from a reader's point of view. Requires {@link StoreCapabilities#writable()}.
   */
  void write(String key, ByteBuffer data) throws IOException;

  /** Convenience for {@link #write(String, ByteBuffer)}. */
  default void write(String key, byte[] data) throws IOException {
    write(key, ByteBuffer.wrap(data));
  }

  /** Deletes {@code key}; deleting a missing key is not an error. */
  void delete(String key) throws IOException;

  /**
   * How many requests this store serves best at once: a hint for readers that fetch many objects
   * in parallel. Remote stores gain from several in flight to hide latency (default 8); a local
   * disk does best with about one per processor, since there the work is the callers' decoding.
   */
  default int preferredConcurrency() {
    return 8;
  }

  /** What this store supports. */
  StoreCapabilities capabilities();

  @Override
  default void close() throws IOException {}
}
