package io.trajstream.runtime;

import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Copies one object, or every object below a directory-like key (a zarr hierarchy), from one store
 * to another with {@link Store#writeResumable}: objects already at the destination with the same
 * size and checksum are skipped, large objects go up in parts (S3 multipart, Azure blocks, GCS resumable sessions) and an interrupted copy
 * resumes where it stopped when run again. Several objects are copied at once; the metadata of a
 * zarr hierarchy ({@code .zarray}, {@code .zattrs}, {@code .zgroup}) follows its chunks and {@code
 * .zmetadata} comes last, so that readers of the destination never see metadata whose chunks are
 * missing.
 */
public final class StoreCopier {
  /**
   * What a copy did.
   *
   * @param objects objects at the source
   * @param objectsSkipped objects found complete at the destination
   * @param bytes bytes at the source
   * @param bytesSkipped bytes not sent because they were already there (whole objects or parts)
   * @param partsSkipped parts of partly uploaded objects that were kept
   */
  public record Report(int objects, int objectsSkipped, long bytes, long bytesSkipped, int partsSkipped) {}

  /** What will be copied: source keys and their sizes, in copy order. */
  public record Plan(List<StoreEntry> objects, long bytes) {}

  private final int parallelism;

  /** A copier that copies up to {@code parallelism} objects at once. */
  public StoreCopier(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * The objects to copy for {@code key}: the object itself when there is one, else every object
   * below {@code key/} (requires a listable source).
   */
  public Plan plan(Store src, String key) throws IOException {
    List<StoreEntry> all = new ArrayList<>();
    if (!key.isEmpty() && src.exists(key)) {
      try (var in = src.newInput(key)) {
        all.add(new StoreEntry(key, in.length()));
      }
    } else {
      if (!src.capabilities().listable()) {
        throw new FileNotFoundException(src.location(key) + ": no such object, and the store cannot list a directory");
      }
      String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
      try (Stream<StoreEntry> s = src.list(prefix)) {
        s.forEach(all::add);
      }
      if (all.isEmpty()) {
        throw new FileNotFoundException(src.location(key) + ": nothing to copy (no object and no directory of that name)");
      }
    }
    all.sort(Comparator.comparingInt((StoreEntry e) -> rank(e.key())).thenComparing(StoreEntry::key));
    return new Plan(List.copyOf(all), all.stream().mapToLong(StoreEntry::length).sum());
  }

  /** 0 for data, 1 for zarr metadata, 2 for consolidated metadata. */
  private static int rank(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.equals(".zmetadata")) {
      return 2;
    }
    return name.equals(".zarray") || name.equals(".zattrs") || name.equals(".zgroup") ? 1 : 0;
  }

  /**
   * Copies {@code plan} (from {@link #plan}) from below {@code srcKey} in {@code src} to below
   * {@code dstKey} in {@code dst}. {@code progress} is told each number of bytes newly in place
   * (sent or found), possibly from several threads.
   */
  public Report copy(Plan plan, Store src, String srcKey, Store dst, String dstKey, LongConsumer progress)
      throws IOException {
    if (!dst.capabilities().writable()) {
      throw new StoreException(dst.location(dstKey), "the destination store is read-only");
    }
    AtomicLong skippedBytes = new AtomicLong();
    AtomicLong skippedObjects = new AtomicLong();
    AtomicLong keptParts = new AtomicLong();
    // objects of one rank go up together; the next rank starts only when they are all in place
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "trajstream-copy");
      t.setDaemon(true);
      return t;
    });
    try {
      int i = 0;
      List<StoreEntry> objects = plan.objects();
      while (i < objects.size()) {
        int rank = rank(objects.get(i).key());
        List<Future<WriteOutcome>> batch = new ArrayList<>();
        for (; i < objects.size() && rank(objects.get(i).key()) == rank; i++) {
          StoreEntry e = objects.get(i);
          String target = targetKey(srcKey, dstKey, e.key());
          batch.add(pool.submit(() -> {
            // read as the destination writes: whole for single requests, part by part for multipart
            try (StoreInput in = src.newInput(e.key(), e.length())) {
              return dst.writeResumable(target, in, progress);
            }
          }));
        }
        for (Future<WriteOutcome> f : batch) {
          WriteOutcome o = await(f, dst.location(dstKey));
          skippedBytes.addAndGet(o.bytesSkipped());
          if (o.wasSkipped()) {
            skippedObjects.incrementAndGet();
          } else {
            keptParts.addAndGet(o.partsSkipped());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Report(plan.objects().size(), (int) skippedObjects.get(), plan.bytes(), skippedBytes.get(),
        (int) keptParts.get());
  }

  /** The destination key of source object {@code key}: {@code srcKey} replaced by {@code dstKey}. */
  static String targetKey(String srcKey, String dstKey, String key) {
    if (key.equals(srcKey)) {
      return dstKey;
    }
    String rest = key.substring(srcKey.isEmpty() ? 0 : (srcKey.endsWith("/") ? srcKey.length() : srcKey.length() + 1));
    return dstKey.isEmpty() ? rest : (dstKey.endsWith("/") ? dstKey : dstKey + "/") + rest;
  }

  private static WriteOutcome await(Future<WriteOutcome> f, String where) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException(where + ": copy interrupted; run again to resume");
      io.initCause(e);
      throw io;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException(where, "copy failed: " + c, c);
    }
  }
}
