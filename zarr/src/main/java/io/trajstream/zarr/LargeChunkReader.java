package io.trajstream.zarr;

import io.trajstream.store.ByteRange;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads a chunk object that is likely long on the wire (its decoded size is at least {@link
 * #LARGE_CHUNK_BYTES}) as parallel ranged requests of the store's part size, instead of one GET
 * that runs at a single connection's rate. It costs one length request first, which is small
 * against the transfer of such a chunk; smaller chunks, and stores that do not split (local files),
 * are read whole in one request as before.
 */
final class LargeChunkReader {
  /** Decoded chunk size from which the stored object is read in parts. */
  static final long LARGE_CHUNK_BYTES = 16L << 20;

  private LargeChunkReader() {}

  /**
   * The stored bytes of {@code key} read in parallel parts, or {@code null} when the store prefers
   * whole reads (then the caller reads it as usual).
   *
   * @throws FileNotFoundException if the object is missing
   */
  static ByteBuffer readInParts(Store store, String key) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      int part = in.preferredPartSize();
      long length = in.length();
      if (part <= 0 || length <= 2L * part || length > Integer.MAX_VALUE - 8) {
        return null;
      }
      return in.readVectoredBlocking(List.of(new ByteRange(0, (int) length))).get(0);
    }
  }
}
