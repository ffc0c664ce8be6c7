package io.trajstream.s3;

import io.trajstream.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes objects: one PutObject up to the multipart threshold, else a multipart upload whose parts
 * go up in parallel on the store's bounded I/O pool (at most four parts of one object in flight) and
 * which is aborted if any part fails — after the parts in flight have ended, so none lands after
 * the abort. Bodies are read straight from the caller's buffer (no copy),
 * and can be re-read when the SDK retries.
 */
final class S3Upload {
  private static final int PARTS_IN_FLIGHT = 4;
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Store store;
  private final S3Options options;

  S3Upload(S3Store store, S3Options options) {
    this.store = store;
    this.options = options;
  }

  void write(String objectKey, String location, ByteBuffer data) throws IOException {
    long size = data.remaining();
    if (size <= options.multipartThreshold()) {
      try {
        store.client().putObject(b -> b.bucket(store.bucket()).key(objectKey).contentType(CONTENT_TYPE), body(data));
      } catch (SdkException e) {
        throw S3Errors.map(location, e);
      }
      return;
    }
    multipart(objectKey, location, data);
  }

  private void multipart(String objectKey, String location, ByteBuffer data) throws IOException {
    String uploadId;
    try {
      uploadId = store.client()
          .createMultipartUpload(b -> b.bucket(store.bucket()).key(objectKey).contentType(CONTENT_TYPE))
          .uploadId();
    } catch (SdkException e) {
      throw S3Errors.map(location, e);
    }
    try {
      List<CompletedPart> parts = uploadParts(objectKey, location, uploadId, data);
      store.client().completeMultipartUpload(
          b -> b.bucket(store.bucket()).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      abortQuietly(objectKey, uploadId, e);
      if (e instanceof SdkException s) {
        throw S3Errors.map(location, s);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Uploads the parts, at most {@link #PARTS_IN_FLIGHT} at a time. After a failure no further part
   * starts, and this method returns (throws) only once every part already started has ended, so
   * the abort that follows cannot race a part still on its way (S3 would keep such a part, and
   * bill for it, after the abort).
   */
  private List<CompletedPart> uploadParts(String objectKey, String location, String uploadId, ByteBuffer data)
      throws IOException {
    long size = data.remaining();
    long partSize = options.partSize();
    int count = (int) ((size + partSize - 1) / partSize);
    if (count > 10_000) {
      throw new StoreException(location, size + " bytes need " + count + " parts of " + partSize
          + " bytes; S3 allows 10000: raise s3.part-size");
    }
    Semaphore inFlight = new Semaphore(PARTS_IN_FLIGHT);
    AtomicBoolean failed = new AtomicBoolean();
    List<CompletableFuture<CompletedPart>> futures = new ArrayList<>(count);
    InterruptedException interrupted = null;
    for (int i = 0; i < count && !failed.get(); i++) {
      int partNumber = i + 1;
      int from = data.position() + (int) (i * partSize);
      int len = (int) Math.min(partSize, size - i * partSize);
      ByteBuffer slice = data.duplicate().position(from).limit(from + len).slice();
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        interrupted = e;
        failed.set(true);
        break;
      }
      if (failed.get()) {
        inFlight.release();
        break;
      }
      CompletableFuture<CompletedPart> f = new CompletableFuture<>();
      futures.add(f);
      try {
        store.ioExecutor().execute(() -> {
          try {
            UploadPartResponse r = store.client().uploadPart(
                b -> b.bucket(store.bucket()).key(objectKey).uploadId(uploadId).partNumber(partNumber),
                body(slice));
            f.complete(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).build());
          } catch (Throwable t) {
            failed.set(true);
            f.completeExceptionally(t);
          } finally {
            inFlight.release();
          }
        });
      } catch (RejectedExecutionException e) {
        inFlight.release();
        failed.set(true);
        f.completeExceptionally(new StoreException(location, "the store is closed", e));
      }
    }
    // every part started has ended (or ends now) before anyone may abort the upload
    awaitAll(futures);
    if (interrupted != null) {
      Thread.currentThread().interrupt();
      throw new StoreException(location, "interrupted during multipart upload", interrupted);
    }
    List<CompletedPart> parts = new ArrayList<>(count);
    for (CompletableFuture<CompletedPart> f : futures) {
      try {
        parts.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof SdkException s) {
          throw s;
        }
        if (e.getCause() instanceof StoreException se) {
          throw se;
        }
        throw new StoreException(location, "multipart upload part failed", e.getCause());
      }
    }
    if (parts.size() != count) {
      throw new StoreException(location, "multipart upload stopped after a failed part");
    }
    return parts;
  }

  /** Waits until every future is done, even when interrupted (the interrupt is kept). */
  private static void awaitAll(List<CompletableFuture<CompletedPart>> futures) {
    boolean interrupted = false;
    for (CompletableFuture<CompletedPart> f : futures) {
      while (!f.isDone()) {
        try {
          f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void abortQuietly(String objectKey, String uploadId, Exception cause) {
    try {
      store.client().abortMultipartUpload(b -> b.bucket(store.bucket()).key(objectKey).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(e);
    }
  }

  /** A request body over a buffer's remaining bytes; every (re)try reads a fresh view, no copy. */
  private static RequestBody body(ByteBuffer data) {
    ByteBuffer view = data.duplicate();
    return RequestBody.fromContentProvider(() -> new BufferStream(view.duplicate()), view.remaining(), CONTENT_TYPE);
  }

  /** An {@link InputStream} over a {@link ByteBuffer}'s remaining bytes. */
  private static final class BufferStream extends InputStream {
    private final ByteBuffer buf;

    BufferStream(ByteBuffer buf) {
      this.buf = buf;
    }

    @Override
    public int read() {
      return buf.hasRemaining() ? buf.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!buf.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, buf.remaining());
      buf.get(b, off, n);
      return n;
    }

    @Override
    public int available() {
      return buf.remaining();
    }
  }
}
