package io.trajstream.s3;

import io.trajstream.store.Checksums;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * A multipart upload that survives an interruption: it carries on the newest unfinished upload of
 * the same key (found with ListMultipartUploads), keeps every part already there whose size and
 * ETag (the part's MD5) match the new data, sends the rest in parallel (at most {@value
 * #PARTS_IN_FLIGHT} at once) and completes. When a part fails the upload is left open, not aborted,
 * so that the next call sends only what is missing.
 */
final class S3ResumableUpload {
  private static final int PARTS_IN_FLIGHT = 4;

  private final S3Store store;
  private final long partSize;
  /** Parts sent and already waited for, in order. */
  private int awaited;

  S3ResumableUpload(S3Store store, long partSize) {
    this.store = store;
    this.partSize = partSize;
  }

  /** Uploads all of {@code source}, reading it part by part (at most a few parts in memory). */
  WriteOutcome upload(String objectKey, String location, StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    int count = (int) ((size + partSize - 1) / partSize);
    if (count > 10_000) {
      throw new StoreException(location, size + " bytes need " + count + " parts of " + partSize
          + " bytes; S3 allows 10000: raise s3.part-size");
    }
    try {
      String uploadId = findUpload(objectKey);
      Map<Integer, Part> existing = uploadId == null ? Map.of() : listParts(objectKey, uploadId);
      if (uploadId == null) {
        uploadId = store.client().createMultipartUpload(b -> b.bucket(store.bucket()).key(objectKey)
            .contentType("application/octet-stream")).uploadId();
      }
      String id = uploadId;
      List<CompletedPart> done = new ArrayList<>(count);
      List<Future<CompletedPart>> sent = new ArrayList<>();
      List<Integer> sentSizes = new ArrayList<>();
      long skippedBytes = 0;
      int skippedParts = 0;
      for (int i = 0; i < count; i++) {
        int partNumber = i + 1;
        int len = (int) Math.min(partSize, size - i * partSize);
        ByteBuffer slice = source.read(i * partSize, len);
        Part old = existing.get(partNumber);
        String md5 = Checksums.md5Hex(slice);
        if (old != null && old.size() != null && old.size() == len && md5.equals(Checksums.unquote(old.eTag()))) {
          done.add(CompletedPart.builder().partNumber(partNumber).eTag(old.eTag()).build());
          skippedBytes += len;
          skippedParts++;
          progress.accept(len);
          continue;
        }
        CompletableFuture<CompletedPart> f = CompletableFuture.supplyAsync(() -> {
          String etag = store.client().uploadPart(
              b -> b.bucket(store.bucket()).key(objectKey).uploadId(id).partNumber(partNumber),
              RequestBody.fromByteBuffer(slice)).eTag();
          return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
        }, store.ioExecutor());
        sent.add(f);
        sentSizes.add(len);
        if (sent.size() - finished(sent) >= PARTS_IN_FLIGHT) {
          await(sent, sentSizes, done, progress, sent.size() - PARTS_IN_FLIGHT + 1, location);
        }
      }
      await(sent, sentSizes, done, progress, sent.size(), location);
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      store.client().completeMultipartUpload(b -> b.bucket(store.bucket()).key(objectKey).uploadId(id)
          .multipartUpload(m -> m.parts(done)));
      return new WriteOutcome(size, skippedBytes, count, skippedParts);
    } catch (SdkException e) {
      throw S3Errors.map(location, e);
    }
  }

  private static int finished(List<Future<CompletedPart>> sent) {
    int n = 0;
    for (Future<CompletedPart> f : sent) {
      if (f.isDone()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Waits, in order, for the parts sent up to index {@code upTo} (exclusive), reporting each. On a
   * failure every other part in flight is waited for first, so none lands unnoticed later.
   */
  private void await(List<Future<CompletedPart>> sent, List<Integer> sizes, List<CompletedPart> done,
      LongConsumer progress, int upTo, String location) throws IOException {
    for (; awaited < upTo; awaited++) {
      try {
        done.add(sent.get(awaited).get());
        progress.accept(sizes.get(awaited));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(location, "interrupted during multipart upload; run again to resume", e);
      } catch (ExecutionException | CompletionException e) {
        for (Future<CompletedPart> f : sent) {
          try {
            f.get();
          } catch (InterruptedException | ExecutionException ignored) {
            // waiting only
          }
        }
        Throwable c = e.getCause();
        if (c instanceof SdkException s) {
          IOException io = S3Errors.map(location, s);
          throw new StoreException(location, "part " + (awaited + 1) + " failed (" + io.getMessage()
              + "); the uploaded parts are kept: run again to resume", io);
        }
        throw new StoreException(location, "part failed; run again to resume", c);
      }
    }
  }

  /** The newest unfinished upload of exactly {@code objectKey}, or null. */
  private String findUpload(String objectKey) {
    MultipartUpload newest = null;
    String keyMarker = null;
    String idMarker = null;
    ListMultipartUploadsResponse page;
    do {
      String km = keyMarker;
      String im = idMarker;
      page = store.client().listMultipartUploads(b -> b.bucket(store.bucket()).prefix(objectKey).keyMarker(km).uploadIdMarker(im));
      for (MultipartUpload u : page.uploads()) {
        if (objectKey.equals(u.key()) && (newest == null || initiated(u).isAfter(initiated(newest)))) {
          newest = u;
        }
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    } while (Boolean.TRUE.equals(page.isTruncated()));
    return newest == null ? null : newest.uploadId();
  }

  private static Instant initiated(MultipartUpload u) {
    return u.initiated() == null ? Instant.EPOCH : u.initiated();
  }

  private Map<Integer, Part> listParts(String objectKey, String uploadId) {
    Map<Integer, Part> parts = new HashMap<>();
    Integer marker = null;
    ListPartsResponse page;
    do {
      Integer m = marker;
      page = store.client().listParts(b -> b.bucket(store.bucket()).key(objectKey).uploadId(uploadId).partNumberMarker(m));
      for (Part p : page.parts()) {
        parts.put(p.partNumber(), p);
      }
      marker = page.nextPartNumberMarker();
    } while (Boolean.TRUE.equals(page.isTruncated()));
    return parts;
  }
}
