package io.trajstream.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import io.trajstream.store.BackgroundClient;
import io.trajstream.store.BufferInput;
import io.trajstream.store.Checksums;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.Keys;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A {@link Store} over one Google Cloud Storage bucket and key prefix ({@code gs://bucket/prefix/}),
 * on google-cloud-storage's HTTP/JSON transport. Reads are ranged media downloads, sent without
 * the client by {@link GcsDirectReads} unless {@code gcs.direct-reads=false} (the client is then
 * built on the first listing or write only); writes are one
 * multipart request up to a threshold and a resumable upload above it (both atomic for readers:
 * the object appears when the upload completes); writes and deletes carry generation
 * preconditions, so the client's retries of them are idempotent. The client retries; this class
 * maps errors. {@link #writeResumable(String, StoreInput, LongConsumer)} carries an interrupted
 * upload's session on in a later run ({@link GcsResumableUpload}).
 */
public final class GcsStore implements Store {
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final BackgroundClient<Storage> client;
  private final boolean ownsClient;
  private final String bucket;
  private final String prefix;
  private final String root;
  private final GcsOptions options;
  private final Executor executor;
  private final GcsDirectReads direct;

  /**
   * A store on {@code bucket} below {@code prefix} ("" for the whole bucket) using {@code storage};
   * {@code ownsClient} says whether {@link #close()} closes the client.
   */
  public GcsStore(Storage storage, boolean ownsClient, String bucket, String prefix, GcsOptions options) {
    this(BackgroundClient.ready(storage, s -> { }), null, ownsClient, bucket, prefix, options);
  }

  /**
   * As above, with a client that may still be being built, or is built on first use (see {@link
   * BackgroundClient}); reads go through {@code direct} when it is not null.
   */
  GcsStore(BackgroundClient<Storage> client, GcsDirectReads direct, boolean ownsClient, String bucket, String prefix,
      GcsOptions options) {
    this.client = client;
    this.direct = direct;
    this.ownsClient = ownsClient;
    this.bucket = bucket;
    String p = prefix == null ? "" : prefix;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (!p.isEmpty() && !p.endsWith("/")) {
      p = p + "/";
    }
    this.prefix = p;
    this.root = "gs://" + bucket + "/" + p;
    this.options = options;
    this.executor = IoExecutors.shared();
  }

  private Storage storage() {
    return client.get();
  }

  /** Whether the google-cloud-storage client was asked for (so built or being built). */
  boolean clientAsked() {
    return client.asked();
  }

  /** The reads without the client, or null when the client sends every request. */
  GcsDirectReads direct() {
    return direct;
  }

  @Override
  public String root() {
    return root;
  }

  /** The bucket this store reads. */
  public String bucket() {
    return bucket;
  }

  private String objectName(String key) {
    return prefix + Keys.check(root, key);
  }

  private BlobId blobId(String key) {
    return BlobId.of(bucket, objectName(key));
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    String where = location(key);
    if (direct != null) {
      String name = objectName(key);
      GcsDirectReads.Metadata m = direct.metadata(name, where);
      return new GcsInput(GcsInput.direct(direct, name, m.generation()), m.size(), where, executor);
    }
    BlobId id = blobId(key);
    Blob blob;
    try {
      blob = storage().get(id, Storage.BlobGetOption.fields(Storage.BlobField.SIZE, Storage.BlobField.GENERATION));
    } catch (RuntimeException e) {
      throw GcsErrors.translate(where, e);
    }
    if (blob == null) {
      throw new FileNotFoundException(where + ": no such object");
    }
    BlobId pinned = BlobId.of(bucket, id.getName(), blob.getGeneration());
    return new GcsInput(GcsInput.sdk(storage(), pinned), blob.getSize(), where, executor);
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    if (knownLength < 0) {
      throw new IllegalArgumentException(location(key) + ": negative known length " + knownLength);
    }
    GcsInput.Ranges ranges = direct != null ? GcsInput.direct(direct, objectName(key), 0)
        : GcsInput.sdk(storage(), blobId(key));
    return new GcsInput(ranges, knownLength, location(key), executor);
  }

  /** One download of the whole object, without a metadata request: a consistent snapshot. */
  @Override
  public byte[] readAll(String key) throws IOException {
    if (direct != null) {
      return direct.getAll(objectName(key), location(key));
    }
    BlobId id = blobId(key);
    try {
      return storage().readAllBytes(id);
    } catch (RuntimeException e) {
      throw GcsErrors.translate(location(key), e);
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    if (direct != null) {
      return direct.exists(objectName(key), location(key));
    }
    try {
      return storage().get(blobId(key), Storage.BlobGetOption.fields(Storage.BlobField.SIZE)) != null;
    } catch (RuntimeException e) {
      throw GcsErrors.translate(location(key), e);
    }
  }

  /**
   * Lists objects below {@code prefix}, following every page; sorted by key. Zero-length
   * "folder" placeholder objects (names ending in {@code /}) are left out.
   */
  @Override
  public Stream<StoreEntry> list(String keyPrefix) throws IOException {
    String p = prefix + (keyPrefix == null ? "" : keyPrefix);
    List<StoreEntry> out = new ArrayList<>();
    try {
      Page<Blob> page = p.isEmpty()
          ? storage().list(bucket, Storage.BlobListOption.fields(Storage.BlobField.NAME, Storage.BlobField.SIZE))
          : storage().list(bucket, Storage.BlobListOption.prefix(p),
              Storage.BlobListOption.fields(Storage.BlobField.NAME, Storage.BlobField.SIZE));
      for (Blob b : page.iterateAll()) {
        if (b.getName().endsWith("/")) {
          continue;
        }
        out.add(new StoreEntry(b.getName().substring(prefix.length()), b.getSize()));
      }
    } catch (RuntimeException e) {
      throw GcsErrors.translate(root + (keyPrefix == null ? "" : keyPrefix), e);
    }
    out.sort(Comparator.comparing(StoreEntry::key));
    return out.stream();
  }

  /**
   * Writes with a generation precondition, so that the client may retry it safely: the object's
   * current generation is looked up first (a metadata request), and the upload succeeds only if
   * the object is still that generation ({@code ifGenerationMatch=0}: still absent). A retried
   * upload whose first try did land, or a write that meets another writer's newer object, fails
   * the precondition (HTTP 412) instead of replacing what is there now: the write then counts as
   * done and overwritten by the other writer, as if it had come first.
   */
  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    BlobId id = blobId(key);
    String where = location(key);
    ByteBuffer d = data.duplicate();
    try {
      long generation = currentGeneration(id);
      BlobInfo info = BlobInfo.newBuilder(id).setContentType(CONTENT_TYPE).build();
      int len = d.remaining();
      if (len <= options.resumableThreshold()) {
        byte[] bytes;
        int off;
        if (d.hasArray()) {
          bytes = d.array();
          off = d.arrayOffset() + d.position();
        } else {
          bytes = new byte[d.remaining()];
          d.get(bytes);
          off = 0;
        }
        storage().create(info, bytes, off, len, generation == 0
            ? Storage.BlobTargetOption.doesNotExist()
            : Storage.BlobTargetOption.generationMatch(generation));
      } else {
        try (WriteChannel channel = storage().writer(info, generation == 0
            ? Storage.BlobWriteOption.doesNotExist()
            : Storage.BlobWriteOption.generationMatch(generation))) {
          channel.setChunkSize(options.resumableChunkSize());
          while (d.hasRemaining()) {
            channel.write(d);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (GcsErrors.hasCode(e, 412)) {
        return; // replaced by another writer during this write (or our own earlier try): never overwrite it
      }
      throw GcsErrors.translate(where, e);
    }
  }

  /** One metadata request: the size and the MD5 in hex (none for composite objects). */
  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    if (direct != null) {
      try {
        GcsDirectReads.Metadata m = direct.metadata(objectName(key), location(key));
        return Optional.of(new ObjectStat(m.size(), m.md5Base64() == null ? null : hexOfBase64(m.md5Base64())));
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
    }
    Blob blob = metadata(key);
    return blob == null ? Optional.empty() : Optional.of(new ObjectStat(blob.getSize(), md5Hex(blob)));
  }

  private Blob metadata(String key) throws IOException {
    try {
      return storage().get(blobId(key),
          Storage.BlobGetOption.fields(Storage.BlobField.SIZE, Storage.BlobField.MD5HASH, Storage.BlobField.GENERATION));
    } catch (RuntimeException e) {
      throw GcsErrors.translate(location(key), e);
    }
  }

  private static String md5Hex(Blob blob) {
    String md5 = blob.getMd5();
    return md5 == null ? null : hexOfBase64(md5);
  }

  private static String hexOfBase64(String md5) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(md5));
  }

  /** As {@link #writeResumable(String, StoreInput, LongConsumer)}. */
  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return writeResumable(key, new BufferInput(location(key), data), progress);
  }

  /**
   * Up to {@code gcs.resumable-threshold}: skips an object of the same size and MD5, else writes it
   * in one request. Above: skips an object of the same size and MD5, else carries on the resumable
   * upload session an interrupted earlier call left (recorded in {@code gcs.upload-state-dir}),
   * sending only the bytes the session has not persisted; see {@link GcsResumableUpload}. The
   * chunks of a session go one after the other: GCS accepts a session's bytes in order only.
   */
  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    if (size <= Math.min(options.resumableThreshold(), Integer.MAX_VALUE - 8)) {
      return Store.super.writeResumable(key, source.read(0, (int) size), progress);
    }
    Blob old = metadata(key);
    if (old != null && old.getSize() == size && md5Hex(old) != null && md5Hex(old).equals(Checksums.md5Hex(source))) {
      progress.accept(size);
      return WriteOutcome.skipped(size);
    }
    long generation = old == null || old.getGeneration() == null ? 0 : old.getGeneration();
    return new GcsResumableUpload(GcsResumableSession.of(storage()), options, bucket, objectName(key), location(key))
        .upload(source, generation, progress);
  }

  /**
   * Deletes the generation found by a metadata request, so a retried delete never removes an
   * object written after it took effect; a missing object, or one replaced meanwhile, is not an
   * error.
   */
  @Override
  public void delete(String key) throws IOException {
    BlobId id = blobId(key);
    try {
      long generation = currentGeneration(id);
      if (generation != 0) {
        storage().delete(id, Storage.BlobSourceOption.generationMatch(generation)); // false when gone
      }
    } catch (RuntimeException e) {
      if (GcsErrors.hasCode(e, 404) || GcsErrors.hasCode(e, 412)) {
        return;
      }
      throw GcsErrors.translate(location(key), e);
    }
  }

  /** The live generation of {@code id}, or 0 when there is no such object. */
  private long currentGeneration(BlobId id) {
    Blob blob = storage().get(id, Storage.BlobGetOption.fields(Storage.BlobField.GENERATION));
    return blob == null || blob.getGeneration() == null ? 0 : blob.getGeneration();
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.FULL;
  }

  @Override
  public void close() throws IOException {
    if (direct != null) {
      direct.close();
    }
    if (ownsClient && client.asked()) { // a client built on first use and never asked for: nothing to close
      try {
        storage().close();
      } catch (Exception e) {
        throw new StoreException(root, "closing the client failed", e);
      }
    }
  }
}
