package io.trajstream.h5md.write;

import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where an H5MD file is built and how it reaches its store. HDF5 is written at scattered places
 * (the superblock last, at address 0), so the file is always built on local disk: beside its
 * target for a {@link FileStore} (then renamed into place, atomically where the file system can),
 * otherwise in the temporary directory and uploaded with one {@link Store#write} on commit. That
 * upload holds the file in one buffer, so objects above 2 GiB are refused with an error saying so.
 */
public final class H5mdDestination {
  /** The largest object one {@link Store#write} call can take. */
  static final long MAX_UPLOAD = Integer.MAX_VALUE - 8L;

  private final Store store;
  private final String key;
  private final Path local;
  private final Path target;
  private final long maxUpload;

  private H5mdDestination(Store store, String key, Path local, Path target, long maxUpload) {
    this.store = store;
    this.key = key;
    this.local = local;
    this.target = target;
    this.maxUpload = maxUpload;
  }

  /** Chooses a local file for {@code key} of {@code store}. */
  public static H5mdDestination of(Store store, String key) throws IOException {
    return of(store, key, MAX_UPLOAD);
  }

  /** As {@link #of(Store, String)} with another upload limit (for tests). */
  static H5mdDestination of(Store store, String key, long maxUpload) throws IOException {
    if (key.isEmpty() || key.endsWith("/")) {
      throw new IllegalArgumentException(store.location(key) + ": an H5MD destination must name a file");
    }
    if (store instanceof FileStore fs) {
      Path target = fs.resolve(key);
      Files.createDirectories(target.getParent());
      Path realRoot = fs.directory().toRealPath();
      Path realParent = target.getParent().toRealPath();
      if (!realParent.startsWith(realRoot)) {
        throw new IllegalArgumentException(store.location(key) + ": the directory leads outside the store root " + realRoot);
      }
      Path local = realParent.resolve("." + target.getFileName() + ".writing-" + Long.toUnsignedString(System.nanoTime(), 36));
      return new H5mdDestination(store, key, local, realParent.resolve(target.getFileName()), Long.MAX_VALUE);
    }
    if (!store.capabilities().writable()) {
      throw new IllegalArgumentException(store.location(key) + ": the store is not writable");
    }
    Path local = Files.createTempFile("trajstream-", ".h5md");
    return new H5mdDestination(store, key, local, null, maxUpload);
  }

  /** The local file to build. */
  public Path localFile() {
    return local;
  }

  /** Where the file goes, for messages. */
  public String location() {
    return store.location(key);
  }

  /** Puts the finished local file in place (rename or one upload) and removes the local copy. */
  public void commit() throws IOException {
    try {
      if (target != null) {
        try {
          Files.move(local, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(local, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return;
      }
      long size = Files.size(local);
      checkSize(size);
      try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        store.write(key, map);
      }
    } finally {
      Files.deleteIfExists(local);
    }
  }

  /**
   * Fails as soon as the file being built is larger than one upload can take, rather than after the
   * whole conversion.
   */
  public void checkSize(long bytes) throws IOException {
    if (bytes > maxUpload) {
      throw new IOException(location() + ": the H5MD file has reached " + bytes + " bytes, but one upload to this store"
          + " takes at most " + maxUpload + " bytes (2 GiB): write it to a local path and copy it with the store's own"
          + " tools, or convert to zarrmd");
    }
  }

  /** Removes the local file; the store is untouched. */
  public void discard() throws IOException {
    Files.deleteIfExists(local);
  }
}
