package io.trajstream.s3;

import io.trajstream.store.BufferInput;
import io.trajstream.store.Checksums;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.WriteOutcome;
import io.trajstream.store.Keys;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket and key prefix on S3 or an S3-compatible server ({@code s3://bucket/prefix/}). Reads are
 * ranged GETs, objects above {@link S3Options#multipartThreshold()} are written by multipart upload
 * (complete or nothing, so readers never see a part), listing is ListObjectsV2 page by page. The SDK
 * retries; this class maps what is left to the store API's exceptions.
 */
public final class S3Store implements Store {
  private final S3ClientHolder holder;
  private volatile S3DirectReads direct;
  private final S3Options options;
  private final String bucket;
  private final String prefix;
  private final String root;
  private final S3Upload upload;

  S3Store(S3ClientHolder holder, S3DirectReads direct, S3Options options, String bucket, String prefix) {
    this.holder = holder;
    this.direct = direct;
    this.options = options;
    this.bucket = bucket;
    this.prefix = prefix;
    this.root = "s3://" + bucket + "/" + prefix;
    this.upload = new S3Upload(this, options);
  }

  @Override
  public String root() {
    return root;
  }

  String bucket() {
    return bucket;
  }

  S3Client client() {
    return holder.client();
  }

  S3ClientHolder holder() {
    return holder;
  }

  ExecutorService ioExecutor() {
    return holder.io();
  }

  /** The options this store was opened with. */
  public S3Options options() {
    return options;
  }

  /** The S3 object key for a store key (prefix + checked key). */
  String objectKey(String key) {
    return prefix + Keys.check(root, key);
  }

  /** The direct (SDK-less) reads, or null when the SDK sends every request. */
  S3DirectReads direct() {
    return direct;
  }

  /**
   * Runs a direct read; when the bucket turns out to answer from another region, direct reads are
   * given up for this store and {@code viaSdk} runs instead (the SDK follows the region).
   */
  <T> T direct(DirectRead<T> read, DirectRead<T> viaSdk) throws IOException {
    S3DirectReads d = direct;
    if (d != null) {
      try {
        return read.run(d);
      } catch (S3DirectReads.WrongRegion e) {
        direct = null;
        d.close();
      }
    }
    return viaSdk.run(null);
  }

  /** A read through the direct path (or, given null, the SDK). */
  @FunctionalInterface
  interface DirectRead<T> {
    T run(S3DirectReads direct) throws IOException;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    String k = objectKey(key);
    String loc = location(key);
    S3DirectReads.Head h = direct(d -> d.head(k, loc), d -> null);
    if (h != null) {
      return new S3Input(this, k, loc, h.length(), h.etag());
    }
    HeadObjectResponse head;
    try {
      head = client().headObject(b -> b.bucket(bucket).key(k));
    } catch (SdkException e) {
      throw S3Errors.map(loc, e);
    }
    return new S3Input(this, k, loc, head.contentLength(), head.eTag());
  }

  @Override
  public StoreInput newInput(String key, long knownLength) throws IOException {
    if (knownLength < 0) {
      throw new IllegalArgumentException(location(key) + ": negative known length " + knownLength);
    }
    return new S3Input(this, objectKey(key), location(key), knownLength, null);
  }

  /** One GET of the whole object: a consistent snapshot even while the object is being replaced. */
  @Override
  public byte[] readAll(String key) throws IOException {
    String k = objectKey(key);
    String loc = location(key);
    byte[] direct = direct(d -> d.getAll(k, loc), d -> null);
    if (direct != null) {
      return direct;
    }
    try {
      return client().getObject(GetObjectRequest.builder().bucket(bucket).key(k).build(), S3Store::wholeBody);
    } catch (SdkException e) {
      HttpReplies.Refused refused = HttpReplies.cause(e, HttpReplies.Refused.class);
      if (refused != null) {
        throw new StoreException(loc, "read failed: " + refused.getMessage(), e);
      }
      throw S3Errors.map(loc, e);
    }
  }

  /**
   * A whole-object body, bounded by its Content-Length ({@link HttpReplies#readWhole}); a body that
   * ends early is retried by the SDK, one without a length is refused. A body not read to its end
   * is aborted, never drained.
   */
  private static byte[] wholeBody(GetObjectResponse response, AbortableInputStream in) {
    boolean clean = false;
    try {
      byte[] data = HttpReplies.readWhole(in, response.contentLength() == null ? -1 : response.contentLength());
      clean = true;
      return data;
    } catch (HttpReplies.Refused e) {
      throw SdkClientException.create("whole read refused: " + e.getMessage(), e);
    } catch (IOException e) {
      throw RetryableException.builder().message("response body broke off: " + e.getMessage()).cause(e).build();
    } finally {
      if (!clean) {
        in.abort();
      }
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    String k = objectKey(key);
    Boolean direct = direct(d -> d.exists(k, location(key)), d -> null);
    if (direct != null) {
      return direct;
    }
    try {
      client().headObject(b -> b.bucket(bucket).key(k));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw S3Errors.map(location(key), e);
    } catch (SdkException e) {
      throw S3Errors.map(location(key), e);
    }
  }

  /**
   * Lists with ListObjectsV2, following continuation tokens page by page ({@code s3.list-page-size}
   * keys per page), and returns the entries sorted by key.
   */
  @Override
  public Stream<StoreEntry> list(String keyPrefix) throws IOException {
    String p = prefix + (keyPrefix == null ? "" : keyPrefix);
    List<StoreEntry> out = new ArrayList<>();
    String token = null;
    try {
      do {
        ListObjectsV2Request.Builder req =
            ListObjectsV2Request.builder().bucket(bucket).prefix(p).maxKeys(options.listPageSize());
        if (token != null) {
          req.continuationToken(token);
        }
        ListObjectsV2Response page = client().listObjectsV2(req.build());
        for (S3Object o : page.contents()) {
          if (o.key().startsWith(prefix)) {
            out.add(new StoreEntry(o.key().substring(prefix.length()), o.size()));
          }
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw S3Errors.map(root + (keyPrefix == null ? "" : keyPrefix), e);
    }
    out.sort(Comparator.comparing(StoreEntry::key));
    return out.stream();
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    upload.write(objectKey(key), location(key), data.duplicate());
  }

  /** One HEAD: the size and the ETag (unquoted). */
  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    String k = objectKey(key);
    Optional<ObjectStat> direct = direct(d -> {
      try {
        S3DirectReads.Head h = d.head(k, location(key));
        return Optional.of(new ObjectStat(h.length(), Checksums.unquote(h.etag())));
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
    }, d -> null);
    if (direct != null) {
      return direct;
    }
    try {
      HeadObjectResponse head = client().headObject(b -> b.bucket(bucket).key(k));
      return Optional.of(new ObjectStat(head.contentLength(), Checksums.unquote(head.eTag())));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw S3Errors.map(location(key), e);
    } catch (SdkException e) {
      throw S3Errors.map(location(key), e);
    }
  }

  /**
   * The ETag {@link #write} gives: the MD5 up to the multipart threshold, else the MD5 of the
   * parts' MD5s and the part count ({@code s3.part-size} parts).
   */
  @Override
  public String checksumOf(ByteBuffer data) {
    return data.remaining() <= options.multipartThreshold()
        ? Checksums.md5Hex(data)
        : Checksums.multipartEtag(data, options.partSize());
  }

  /**
   * Skips an object of the same size and ETag; above the multipart threshold, carries on an
   * interrupted multipart upload of the key, sending only the parts not yet there.
   */
  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return writeResumable(key, new BufferInput(location(key), data), progress);
  }

  /** As {@link #writeResumable(String, ByteBuffer, LongConsumer)}, reading {@code source} part by part. */
  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    Optional<ObjectStat> old = stat(key);
    if (old.isPresent() && old.get().size() == size && etagOf(source).equals(old.get().checksum())) {
      progress.accept(size);
      return WriteOutcome.skipped(size);
    }
    if (size <= options.multipartThreshold()) {
      write(key, source.read(0, (int) size));
      progress.accept(size);
      return WriteOutcome.written(size);
    }
    return new S3ResumableUpload(this, options.partSize()).upload(objectKey(key), location(key), source, progress);
  }

  /** {@link #checksumOf(ByteBuffer)} of an input, read part by part. */
  private String etagOf(StoreInput source) throws IOException {
    return source.length() <= options.multipartThreshold()
        ? Checksums.md5Hex(source)
        : Checksums.multipartEtag(source, options.partSize());
  }

  @Override
  public void delete(String key) throws IOException {
    String k = objectKey(key);
    try {
      client().deleteObject(b -> b.bucket(bucket).key(k));
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && (e.awsErrorDetails() == null || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()))) {
        return;
      }
      throw S3Errors.map(location(key), e);
    } catch (SdkException e) {
      throw S3Errors.map(location(key), e);
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.FULL;
  }

  @Override
  public void close() {
    S3DirectReads d = direct;
    if (d != null) {
      d.close();
    }
    holder.close();
  }

  @Override
  public String toString() {
    return "S3Store[" + root + "]";
  }
}
