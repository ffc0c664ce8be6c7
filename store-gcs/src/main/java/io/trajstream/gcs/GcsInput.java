package io.trajstream.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * Positional reads of one GCS object: every read is its own ranged {@code alt=media} request
 * ({@link ReadChannel} with seek and limit, no read-ahead buffer), so the input holds no cursor
 * and any number of threads may read at once. When opened after a metadata lookup the object's
 * generation is pinned, so all reads see the same version (a replaced object then reads as gone).
 */
final class GcsInput implements StoreInput {
  private final Storage storage;
  private final BlobId blob;
  private final long length;
  private final String location;
  private final Executor executor;

  GcsInput(Storage storage, BlobId blob, long length, String location, Executor executor) {
    this.storage = storage;
    this.blob = blob;
    this.length = length;
    this.location = location;
    this.executor = executor;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Executor ioExecutor() {
    return executor;
  }

  @Override
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    StoreInputs.checkRange(location, length, position, len);
    if (off < 0 || off + len > buf.length) {
      throw new IndexOutOfBoundsException(location + ": buffer offset " + off + " length " + len + " of " + buf.length);
    }
    if (len == 0) {
      return;
    }
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
  }
}
