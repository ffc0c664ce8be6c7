package io.trajstream.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import io.trajstream.store.RangedInput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * Positional reads of one GCS object: every read is its own ranged {@code alt=media} request, so
 * the input holds no cursor and any number of threads may read at once. The request goes through
 * the client ({@link #sdk}: {@link ReadChannel} with seek and limit, no read-ahead buffer) or
 * without it ({@link #direct}: {@link GcsDirectReads}). When opened after a metadata lookup the
 * object's generation is pinned, so all reads see the same version (a replaced object then reads
 * as gone).
 */
final class GcsInput extends RangedInput {
  /** One ranged read of the object, however it is sent. */
  @FunctionalInterface
  interface Ranges {
    void read(String location, long length, long position, byte[] buf, int off, int len) throws IOException;
  }

  private final Ranges ranges;

  GcsInput(Ranges ranges, long length, String location, Executor executor) {
    super(location, length, executor);
    this.ranges = ranges;
  }

  @Override
  protected void fetch(long position, byte[] buf, int off, int len) throws IOException {
    ranges.read(location(), length(), position, buf, off, len);
  }

  /** Reads of {@code name} without the client, of {@code generation} when positive. */
  static Ranges direct(GcsDirectReads reads, String name, long generation) {
    return (location, length, position, buf, off, len) -> reads.get(name, location, generation, position, buf, off, len);
  }

  /** Reads of {@code blob} (of its generation, if it names one) through the client. */
  static Ranges sdk(Storage storage, BlobId blob) {
    return (location, length, position, buf, off, len) -> {
      ByteBuffer dst = ByteBuffer.wrap(buf, off, len);
      try (ReadChannel ch = storage.reader(blob)) {
        ch.setChunkSize(0); // no read-ahead: fetch exactly the requested range
        ch.seek(position);
        ch.limit(position + len);
        while (dst.hasRemaining()) {
          if (ch.read(dst) < 0) {
            throw new EOFException(location + ": object ended after " + (position + dst.position() - off)
                + " bytes while reading " + len + " bytes at " + position + " (expected length " + length + ")");
          }
        }
      } catch (EOFException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw GcsErrors.translate(location, e);
      }
    };
  }
}
