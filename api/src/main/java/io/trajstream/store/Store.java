package io.trajstream.store;

import io.trajstream.ExtensionPoint;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
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

  /**
   * The size of {@code key} and, when this store keeps one, its checksum in the form {@link
   * #checksumOf(ByteBuffer)} computes; empty when there is no such object. By default: the length
   * from {@link #newInput(String)} and no checksum.
   */
  default Optional<ObjectStat> stat(String key) throws IOException {
    try (StoreInput in = newInput(key)) {
      return Optional.of(new ObjectStat(in.length(), null));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The checksum {@link #stat(String)} would report for an object holding {@code data}'s remaining
   * bytes when written by {@link #write(String, ByteBuffer)} here (S3: its ETag, which depends on
   * the part size). By default: the MD5 in hex. The buffer's position is not moved.
   */
  default String checksumOf(ByteBuffer data) {
    return Checksums.md5Hex(data);
  }

  /**
   * Writes {@code data} as {@code key} like {@link #write(String, ByteBuffer)}, but skips what is
   * already stored: an object of the same size and checksum is left alone, and a store that
   * uploads in parts (S3 multipart, Azure staged blocks, a GCS resumable session) keeps the parts a failed earlier call left behind when their
   * size and checksum match, so that a rerun after an interruption sends only the rest. {@code
   * progress} is told each number of bytes newly in place (sent or found), from the calling thread.
   *
   * <p>By default: {@link #stat(String)}; when the size matches, the checksum is compared (or, for
   * a store that reports none, the stored bytes); then the whole object is written or skipped.
   */
  default WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    long size = data.remaining();
    Optional<ObjectStat> old = stat(key);
    if (old.isPresent() && old.get().size() == size) {
      String sum = old.get().checksum();
      boolean same = sum != null ? sum.equals(checksumOf(data)) : ByteBuffer.wrap(readAll(key)).equals(data.duplicate());
      if (same) {
        progress.accept(size);
        return WriteOutcome.skipped(size);
      }
    }
    write(key, data.duplicate());
    progress.accept(size);
    return WriteOutcome.written(size);
  }

  /**
   * {@link #writeResumable(String, ByteBuffer, LongConsumer)} with the bytes read from all of
   * {@code source}: for objects that need not, or cannot (beyond 2 GiB), be held in memory whole.
   * Stores that upload in parts read the source part by part. By default: the source is read whole
   * (at most 2 GiB) and written as a buffer.
   */
  default WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    long len = source.length();
    if (len > Integer.MAX_VALUE - 8) {
      throw new StoreException(location(key), "object of " + len + " bytes is too large for this store to write"
          + " in one piece (at most 2 GiB)");
    }
    return writeResumable(key, source.read(0, (int) len), progress);
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
