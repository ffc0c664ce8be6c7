package io.trajstream.runtime.zip;

import io.trajstream.store.FileStore;
import io.trajstream.store.ForwardingStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store that collects a zarr hierarchy in a local temporary directory and, when closed after a
 * complete write (a root {@code .zgroup} is there), packs it with {@link ZipWriter} into one
 * archive and writes that to {@code zipKey} of the destination store, replacing what was there
 * (with {@link Store#writeResumable(String, StoreInput, java.util.function.LongConsumer)}: an
 * identical archive is left alone, and S3 uploads a large one in parts).
 * A write that never completed leaves the destination untouched. The temporary directory is
 * removed either way.
 */
public final class ZipBuildingStore extends ForwardingStore {
  /** The zarrmd writer's marker of a write in progress. */
  static final String INCOMPLETE_MARKER = ".trajstream-incomplete";

  private final Store destination;
  private final String zipKey;
  private final Path work;
  private boolean closed;

  private ZipBuildingStore(Store destination, String zipKey, Path work) {
    super(new FileStore(work.resolve("entries"), false));
    this.destination = destination;
    this.zipKey = zipKey;
    this.work = work;
  }

  /** A store whose content becomes the archive {@code zipKey} of {@code destination} on close. */
  public static ZipBuildingStore create(Store destination, String zipKey) throws IOException {
    return new ZipBuildingStore(destination, zipKey, Files.createTempDirectory("trajstream-zip-"));
  }

  @Override
  public String root() {
    return "zip:" + destination.location(zipKey) + "!/";
  }

  @Override
  public String location(String key) {
    return root() + key;
  }

  /** Packs (when complete), writes the archive, removes the temporary files and closes the destination. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (Store d = destination) {
      // a writer that did not finish leaves no root group, or its marker of an unfinished write
      if (delegate.exists(".zgroup") && !delegate.exists(INCOMPLETE_MARKER)) {
        Path zip = work.resolve("archive.zip");
        List<StoreEntry> all;
        try (Stream<StoreEntry> s = delegate.list("")) {
          all = s.sorted(Comparator.comparing(StoreEntry::key)).toList();
        }
        try (ZipWriter w = new ZipWriter(zip)) {
          for (StoreEntry e : all) {
            w.add(e.key(), ByteBuffer.wrap(delegate.readAll(e.key())));
          }
        }
        // S3 and local disk read the archive part by part (no size limit); other stores take it whole
        try (StoreInput in = new FileStore(work, false).newInput(zip.getFileName().toString())) {
          destination.writeResumable(zipKey, in, n -> {});
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
