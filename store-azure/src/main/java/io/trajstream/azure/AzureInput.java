package io.trajstream.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobDownloadResponse;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DownloadRetryOptions;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.StoreException;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.RangedInput;
import java.io.EOFException;
import java.io.IOException;

/**
 * Positional reads of one blob, each a ranged download straight into the caller's buffer. Holds no
 * cursor, so any number of threads may read at once. When the blob's ETag is known (it was opened
 * with a properties request), every read is conditional on it, so a blob replaced while being read
 * fails the read instead of mixing two versions. A response shorter than asked for, or whose
 * Content-Range is not the range asked for, is never returned as data. Reads go through the
 * store's {@link AzureDirectReads} when it has them, else through the SDK.
 */
final class AzureInput extends RangedInput {
  private final AzureStore store;
  private final String blobName;
  private final String etag;
  private final AzureOptions options;

  AzureInput(AzureStore store, String blobName, String location, long length, String etag, AzureOptions options) {
    super(location, length, IoExecutors.shared());
    this.store = store;
    this.blobName = blobName;
    this.etag = etag;
    this.options = options;
  }

  /** A body must bring at least this many bytes in every read-timeout window (as for GCS). */
  static final long MIN_BYTES_PER_WINDOW = 1024;

  @Override
  protected void fetch(long position, byte[] buf, int off, int len) throws IOException {
    String location = location();
    AzureDirectReads direct = store.direct();
    if (direct != null) {
      direct.reads().get(blobName, location, position, buf, off, len, etag);
      return;
    }
    BlobClient blob = store.blobClient(blobName);
    RangeSink sink = new RangeSink(buf, off, len, options.readTimeout(), MIN_BYTES_PER_WINDOW);
    BlobRequestConditions conditions = etag == null ? null : new BlobRequestConditions().setIfMatch(etag);
    String what = "read of " + len + " bytes at " + position;
    BlobDownloadResponse response;
    try {
      response =
          blob.downloadStreamWithResponse(
              sink,
              new BlobRange(position, (long) len),
              new DownloadRetryOptions().setMaxRetryRequests(options.downloadResumes()),
              conditions,
              false,
              null,
              Context.NONE);
    } catch (RuntimeException e) {
      throw AzureErrors.map(location, what, options.maxTries(), e);
    }
    try {
      // the SDK does not check that the answer is the range asked for: a 206 from elsewhere, or a
      // 200 with the whole object, filled the buffer with other bytes, which are never returned
      HttpReplies.bodyLimit("bytes=" + position + "-" + (position + len - 1), response.getStatusCode(),
          response.getDeserializedHeaders().getContentRange(), null);
    } catch (HttpReplies.Refused e) {
      throw new StoreException(location, what + ": the server's answer was refused: " + e.getMessage(), e);
    }
    if (sink.written() != len) {
      long total = ContentRange.total(response.getDeserializedHeaders().getContentRange());
      if (total >= 0 && position + len > total) {
        throw new EOFException(
            location + ": " + what + " passes the end of the blob (" + total + " bytes)");
      }
      throw new StoreException(
          location, what + ": the response ended after " + sink.written() + " bytes (truncated)");
    }
  }
}
