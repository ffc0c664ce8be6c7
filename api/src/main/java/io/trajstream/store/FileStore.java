package io.trajstream.store;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A directory on local disk ({@code file:} URLs and plain paths). Keys are relative paths below the
 * root; a key that would escape the root is refused. Writes go to a temporary file in the same
 * directory, then an atomic rename, so readers see the old or the new file, never a part. With
 * {@code fsync} on, each file is also forced to disk before the rename (durable across a machine
 * crash, at a large cost for stores of many small objects such as Zarr chunks); off by default,
 * as in most tools.
 */
public final class FileStore implements Store {
  private static final String TEMP_SUFFIX = ".trajstream-tmp";
  private final Path root;
  private final boolean fsync;
  private final int concurrency;

  public FileStore(Path root) {
    this(root, false);
  }

  public FileStore(Path root, boolean fsync) {
    this(root, fsync, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param concurrency fetches readers should keep in flight ({@link #preferredConcurrency()}): one
   *     per processor suits a local disk; a network file system may want more
   */
  public FileStore(Path root, boolean fsync, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("file.concurrency must be at least 1, got " + concurrency);
    }
    this.root = root.toAbsolutePath().normalize();
    this.fsync = fsync;
    this.concurrency = concurrency;
  }

  /** The directory this store is rooted at. */
  public Path directory() {
    return root;
  }

  @Override
  public String root() {
    return root.toUri().toString();
  }

  /** The file behind {@code key}, after checking that it stays below the root. */
  public Path resolve(String key) {
    Path p = root.resolve(Keys.check(root(), key)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException(root() + ": key '" + key + "' escapes the store root");
    }
    return p;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    Path p = resolve(key);
    if (!Files.isRegularFile(p)) {
      throw new FileNotFoundException(location(key) + ": no such file");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(p, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(location(key) + ": no such file");
    }
    return new FileInput(channel, p, location(key));
  }

  /** Reads with one positional read per call into the given buffer: straight into it when it is direct. */
  @Override
  public ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    Path p = resolve(key);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new StoreException(location(key), "object of " + size + " bytes is too large to read whole");
      }
      ByteBuffer out = allocator.apply((int) size);
      out.clear().limit((int) size);
      readFully(ch, out, 0, location(key));
      return out.flip();
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(location(key) + ": no such file");
    } catch (IOException e) {
      if (Files.isDirectory(p)) {
        throw new FileNotFoundException(location(key) + ": no such file (a directory)");
      }
      throw e;
    }
  }

  /** Fills {@code dst} (position to limit) from the file at {@code position}, with positional reads. */
  private static void readFully(FileChannel channel, ByteBuffer dst, long position, String location) throws IOException {
    int len = dst.remaining();
    long pos = position;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, pos);
      if (n < 0) {
        throw new EOFException(location + ": file ended at " + pos + " while reading " + len + " bytes at " + position);
      }
      pos += n;
    }
  }

  private static final class FileInput implements StoreInput {
    private final FileChannel channel;
    private final Path path;
    private final String location;

    FileInput(FileChannel channel, Path path, String location) {
      this.channel = channel;
      this.path = path;
      this.location = location;
    }

    /** The file's modification time in nanoseconds, {@code mtime:N}. */
    @Override
    public java.util.Optional<String> version() throws IOException {
      return java.util.Optional.of("mtime:" + Files.getLastModifiedTime(path).to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Override
    public long length() throws IOException {
      return channel.size();
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      StoreInputs.checkRange(location, channel.size(), position, len);
      FileStore.readFully(channel, ByteBuffer.wrap(buf, off, len), position, location);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    String p = prefix == null ? "" : prefix;
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    // Walk only the deepest directory named by the prefix.
    String dirPart = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
    Path start = dirPart.isEmpty() ? root : root.resolve(Keys.check(root(), dirPart)).normalize();
    if (!start.startsWith(root) || !Files.isDirectory(start)) {
      return Stream.empty();
    }
    List<StoreEntry> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              f -> {
                String key = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (key.startsWith(p) && !isTemp(f)) {
                  try {
                    out.add(new StoreEntry(key, Files.size(f)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(Comparator.comparing(StoreEntry::key));
    return out.stream();
  }

  private static boolean isTemp(Path f) {
    String name = f.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    // Created with the default permissions (as any other file the user writes), not a private temp file's.
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer d = data.duplicate();
        while (d.hasRemaining()) {
          ch.write(d);
        }
        if (fsync) {
          ch.force(false);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  /**
   * One per processor unless configured ({@code file.concurrency}): reading a local file costs
   * little next to decoding what was read.
   */
  @Override
  public int preferredConcurrency() {
    return concurrency;
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.FULL;
  }
}
