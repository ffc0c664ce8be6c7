package io.trajstream.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.trajstream.store.BackgroundClient;
import io.trajstream.store.BufferInput;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.Keys;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import io.trajstream.store.http.ObjectReads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A container and key prefix in Azure Blob Storage ({@code az://container/prefix/}). Reads are
 * ranged downloads, sent by {@link AzureDirectReads} when the credential allows it (the SDK client is
 * then built only for lists and writes), else by the SDK; writes are one Put Blob up to a threshold and a block upload above it, both
 * atomic for readers; the SDK retries as {@link AzureOptions} sets, and what still fails is mapped
 * by {@link AzureErrors}. {@link #writeResumable(String, StoreInput, LongConsumer)} resumes at the
 * block: a rerun after an interrupted upload stages only the blocks not yet there ({@link
 * AzureResumableUpload}).
 */
public final class AzureStore implements Store {
  private final BackgroundClient<BlobContainerClient> container;
  private final String prefix;
  private final String root;
  private final AzureOptions options;
  private final AzureDirectReads direct;

  /**
   * A store whose client is being built by {@code container} (see {@link BackgroundClient}), reading
   * through {@code direct} when not null.
   */
  AzureStore(BackgroundClient<BlobContainerClient> container, AzureDirectReads direct, String containerName, String prefix,
      AzureOptions options) {
    this.container = container;
    this.direct = direct;
    this.prefix = prefix;
    this.root = "az://" + containerName + "/" + prefix;
    this.options = options;
  }

  @Override
  public String root() {
    return root;
  }

  /** The blob behind {@code key}, after checking the key. */
  private BlobClient blob(String key) {
    return blobClient(blobName(key));
  }

  /** The name of the blob behind {@code key}, after checking the key. */
  private String blobName(String key) {
    return prefix + Keys.check(root, key);
  }

  /** The SDK's client of blob {@code name} (building the SDK client if this is its first use). */
  BlobClient blobClient(String name) {
    return container.get().getBlobClient(name);
  }

  /** The direct (SDK-less) reads, or null when the SDK sends every request. */
  AzureDirectReads direct() {
    return direct;
  }

  /** The SDK client, built in the background or on first use. */
  BackgroundClient<BlobContainerClient> sdk() {
    return container;
  }

  private IOException failure(String key, String operation, RuntimeException e) {
    return AzureErrors.map(location(key), operation, options.maxTries(), e);
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    if (direct != null) {
      String name = blobName(key);
      ObjectReads.Head head = direct.reads().head(name, location(key));
      return new AzureInput(this, name, location(key), head.length(), head.etag(), options);
    }
    BlobClient blob = blob(key);
    BlobProperties props;
    try {
      props = blob.getPropertiesWithResponse(null, null, Context.NONE).getValue();
    } catch (RuntimeException e) {
      throw failure(key, "open", e);
    }
    return new AzureInput(this, blobName(key), location(key), props.getBlobSize(), props.getETag(), options);
  }

  @Override
  public StoreInput newInput(String key, long knownLength) {
    if (knownLength < 0) {
      throw new IllegalArgumentException(location(key) + ": negative known length " + knownLength);
    }
    return new AzureInput(this, blobName(key), location(key), knownLength, null, options);
  }

  /** One download of the whole blob (resumed on the same ETag if its body breaks off). */
  @Override
  public byte[] readAll(String key) throws IOException {
    if (direct != null) {
      return direct.reads().getAll(blobName(key), location(key));
    }
    BlobClient blob = blob(key);
    GrowingSink sink = new GrowingSink(new HttpReplies.Pace(options.readTimeout(), AzureInput.MIN_BYTES_PER_WINDOW));
    BlobDownloadResponse response;
    try {
      response =
          blob.downloadStreamWithResponse(
              sink, null, new DownloadRetryOptions().setMaxRetryRequests(options.downloadResumes()),
              null, false, null, Context.NONE);
    } catch (RuntimeException e) {
      throw failure(key, "read", e);
    }
    long expected = ContentRange.total(response.getDeserializedHeaders().getContentRange());
    if (expected < 0 && response.getDeserializedHeaders().getContentLength() != null) {
      expected = response.getDeserializedHeaders().getContentLength();
    }
    if (expected >= 0 && expected != sink.size) {
      throw new StoreException(
          location(key), "read: the response ended after " + sink.size + " of " + expected + " bytes (truncated)");
    }
    return sink.toByteArray();
  }

  @Override
  public boolean exists(String key) throws IOException {
    if (direct != null) {
      return direct.reads().exists(blobName(key), location(key));
    }
    BlobClient blob = blob(key);
    try {
      return blob.existsWithResponse(null, Context.NONE).getValue();
    } catch (RuntimeException e) {
      throw failure(key, "exists", e);
    }
  }

  @Override
  public Stream<StoreEntry> list(String listPrefix) throws IOException {
    String p = listPrefix == null ? "" : listPrefix;
    String full = prefix + p;
    ListBlobsOptions request = new ListBlobsOptions().setMaxResultsPerPage(5000);
    if (!full.isEmpty()) {
      request.setPrefix(full);
    }
    List<StoreEntry> out = new ArrayList<>();
    try {
      for (BlobItem item : container.get().listBlobs(request, null)) {
        String name = item.getName();
        if (Boolean.TRUE.equals(item.isPrefix()) || !name.startsWith(prefix)) {
          continue;
        }
        Long size = item.getProperties() == null ? null : item.getProperties().getContentLength();
        out.add(new StoreEntry(name.substring(prefix.length()), size == null ? 0 : size));
      }
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        return Stream.empty(); // a missing container lists as empty, like a missing directory
      }
      throw failure(p, "list", e);
    } catch (RuntimeException e) {
      throw failure(p, "list", e);
    }
    out.sort(Comparator.comparing(StoreEntry::key));
    return out.stream();
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    BlobClient blob = blob(key);
    ByteBuffer body = data.duplicate().slice();
    ParallelTransferOptions transfer =
        new ParallelTransferOptions()
            .setMaxSingleUploadSizeLong(options.singleUploadMax())
            .setBlockSizeLong(options.blockSize())
            .setMaxConcurrency(options.uploadConcurrency());
    try {
      blob.uploadWithResponse(
          new BlobParallelUploadOptions(BinaryData.fromByteBuffer(body)).setParallelTransferOptions(transfer),
          null,
          Context.NONE);
    } catch (RuntimeException e) {
      throw failure(key, "write of " + body.remaining() + " bytes", e);
    }
  }

  /** One metadata request: the size and, when the blob has one, its Content-MD5 in hex. */
  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    if (direct != null) {
      ObjectReads.Head head;
      try {
        head = direct.reads().head(blobName(key), location(key));
      } catch (AzureErrors.NoSuchContainer e) {
        throw e;
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
      String md5 = head.headers().firstValue("Content-MD5").orElse(null);
      return Optional.of(new ObjectStat(head.length(), md5 == null ? null : hexOfBase64(md5)));
    }
    BlobClient blob = blob(key);
    BlobProperties props;
    try {
      props = blob.getPropertiesWithResponse(null, null, Context.NONE).getValue();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw failure(key, "stat", e);
    } catch (RuntimeException e) {
      throw failure(key, "stat", e);
    }
    byte[] md5 = props.getContentMd5();
    return Optional.of(new ObjectStat(props.getBlobSize(), md5 == null ? null : HexFormat.of().formatHex(md5)));
  }

  /** As {@link #writeResumable(String, StoreInput, LongConsumer)}. */
  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return writeResumable(key, new BufferInput(location(key), data), progress);
  }

  /**
   * Up to {@value AzureOptions#SINGLE_UPLOAD_MAX}: skips a blob of the same size and MD5, else
   * writes it in one request. Above: an {@link AzureResumableUpload}, which keeps the blocks of
   * an interrupted earlier call (and of the blob already there) whose size and MD5 match, stages
   * the rest in parallel and commits them in order.
   */
  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    if (size <= Math.min(options.singleUploadMax(), Integer.MAX_VALUE - 8)) {
      return Store.super.writeResumable(key, source.read(0, (int) size), progress);
    }
    AzureResumableUpload.Target target = new AzureResumableUpload.Target() {
      @Override
      public BlockBlobClient blob() {
        return AzureStore.this.blob(key).getBlockBlobClient();
      }

      @Override
      public IOException failure(String operation, RuntimeException e) {
        return AzureStore.this.failure(key, operation, e);
      }
    };
    return new AzureResumableUpload(target, location(key), options.blockSize(), options.uploadConcurrency(),
        IoExecutors.shared()).upload(source, progress);
  }

  @Override
  public void delete(String key) throws IOException {
    BlobClient blob = blob(key);
    try {
      blob.deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
    } catch (RuntimeException e) {
      throw failure(key, "delete", e);
    }
  }

  /** The hex of a base64 {@code Content-MD5}, or null when it is not base64. */
  private static String hexOfBase64(String b64) {
    try {
      return HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(b64.trim()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.FULL;
  }

  /** Closes the direct reads' idle connections; the SDK client keeps none past its daemon threads. */
  @Override
  public void close() {
    if (direct != null) {
      direct.close();
    }
  }

  /** A growable byte sink for whole-blob reads, refusing objects too large for one array. */
  /** A whole body in a growing array, at the pace {@code pace} demands. */
  private static final class GrowingSink extends OutputStream {
    private static final int MAX = Integer.MAX_VALUE - 8;
    private final HttpReplies.Pace pace;
    private byte[] buf = new byte[8192];
    private int size;

    GrowingSink(HttpReplies.Pace pace) {
      this.pace = pace;
    }

    @Override
    public void write(int b) throws IOException {
      pace.beforeRead();
      pace.received(1);
      ensure(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      pace.beforeRead();
      pace.received(len);
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    private void ensure(int more) throws IOException {
      if ((long) size + more > MAX) {
        throw new IOException("object is too large to read whole");
      }
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(MAX, Math.max((long) buf.length * 2, (long) size + more)));
      }
    }

    byte[] toByteArray() {
      return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
  }
}
