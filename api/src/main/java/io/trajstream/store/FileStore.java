package io.trajstream.store;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A directory on local disk ({@code file:} URLs and plain paths). Keys are relative paths below the
 * root; a key that would escape the root is refused, as text ({@code ..}) and on disk: every
 * operation follows the symbolic links on the key's path and refuses, with a {@link
 * StoreException} naming the key, one that leads outside the root's real directory (links that
 * stay inside work). Writes go to a temporary file {@code .trajstream-tmp-<random>} in the same
 * directory, then an atomic rename, so readers see the old or the new file, never a part, and a
 * key's file name may be as long as the file system allows. With
 * {@code fsync} on, each file is also forced to disk before the rename (durable across a machine
 * crash, at a large cost for stores of many small objects such as Zarr chunks); off by default,
 * as in most tools.
 */
public final class FileStore implements Store {
  private static final String TEMP_PREFIX = ".trajstream-tmp-";
  /** How temporary files were named before: {@code .<name>.<random>.trajstream-tmp}. */
  private static final String OLD_TEMP_SUFFIX = ".trajstream-tmp";
  private final Path root;
  private volatile Path realRoot;
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

  /**
   * The file behind {@code key}, after checking as text that it stays below the root (symbolic
   * links are checked by each operation, see {@link #checkInside}).
   */
  public Path resolve(String key) {
    Path p = root.resolve(Keys.check(root(), key)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException(root() + ": key '" + key + "' escapes the store root");
    }
    return p;
  }


  /** The real path of the root (links followed), or null while the root does not exist. */
  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      try {
        r = root.toRealPath();
      } catch (NoSuchFileException e) {
        return null;
      }
      realRoot = r;
    }
    return r;
  }

  /**
   * Refuses {@code path} (of {@code key}, below the root as text) when the symbolic links on it lead
   * outside the root: the deepest part of it that exists must have its real path inside the root's.
   * A link to nothing is let through: nothing exists beyond it, so the operation fails as for a
   * missing object.
   */
  private void checkInside(String key, Path path) throws IOException {
    Path inside = realRoot();
    if (inside == null) {
      return;
    }
    Path existing = path;
    while (existing != null && existing.startsWith(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null || !existing.startsWith(root)) {
      return; // the root itself is gone
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new StoreException(location(key), "cannot tell where key '" + key + "' leads on disk: " + e.getMessage(), e);
    }
    if (!real.startsWith(inside)) {
      throw new StoreException(location(key), "key '" + key + "' leads outside the store root through a symbolic link");
    }
  }

  /** {@link #resolve} and {@link #checkInside}. */
  private Path resolveInside(String key) throws IOException {
    Path p = resolve(key);
    checkInside(key, p);
    return p;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    Path p = resolveInside(key);
    if (!Files.isRegularFile(p)) {
      throw new FileNotFoundException(location(key) + ": no such file");
    }
    try {
      return new FileInput(p, location(key));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(location(key) + ": no such file");
    }
  }

  /** Reads with one positional read per call into the given buffer: straight into it when it is direct. */
  @Override
  public ByteBuffer readAll(String key, IntFunction<ByteBuffer> allocator) throws IOException {
    Path p = resolveInside(key);
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

  /**
   * One open file, shared by every thread reading it. A {@link FileChannel} is closed for all its
   * users when one thread reading it is interrupted; this input then opens the same file again for
   * the others (the interrupted thread gets an {@link InterruptedIOException}), and refuses to go
   * on if the path now names another file.
   */
  private static final class FileInput implements StoreInput {
    private final Path path;
    private final String location;
    private final Object fileKey;
    private volatile FileChannel channel;
    private boolean closed; // guarded by this

    FileInput(Path path, String location) throws IOException {
      this.path = path;
      this.location = location;
      this.channel = FileChannel.open(path, StandardOpenOption.READ);
      this.fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /** A read of the open channel; may run more than once, so it must carry its own progress. */
    private interface ChannelRead<T> {
      T apply(FileChannel channel) throws IOException;
    }

    private <T> T withChannel(ChannelRead<T> read) throws IOException {
      while (true) {
        FileChannel ch = channel;
        try {
          return read.apply(ch);
        } catch (ClosedByInterruptException e) {
          InterruptedIOException io = new InterruptedIOException(location + ": read interrupted");
          io.initCause(e);
          throw io;
        } catch (ClosedChannelException e) {
          reopen(ch, e);
        }
      }
    }

    /** Replaces {@code stale} (closed under another reader) by a new channel on the same file. */
    private synchronized void reopen(FileChannel stale, ClosedChannelException cause) throws IOException {
      if (closed) {
        throw new StoreException(location, "input is closed", cause);
      }
      if (channel != stale) {
        return; // another reader has reopened it
      }
      FileChannel fresh;
      try {
        fresh = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        throw new StoreException(location, "file was removed while open", cause);
      }
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      if (fileKey == null || !fileKey.equals(key)) {
        fresh.close();
        throw new StoreException(location, "file was replaced while open; open it again", cause);
      }
      channel = fresh;
    }

    /** The file's modification time in nanoseconds, {@code mtime:N}. */
    @Override
    public java.util.Optional<String> version() throws IOException {
      return java.util.Optional.of("mtime:" + Files.getLastModifiedTime(path).to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Override
    public long length() throws IOException {
      return withChannel(FileChannel::size);
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      StoreInputs.checkRange(location, length(), position, len);
      ByteBuffer dst = ByteBuffer.wrap(buf, off, len);
      withChannel(ch -> {
        FileStore.readFully(ch, dst, position + (dst.position() - off), location);
        return null;
      });
    }

    @Override
    public void close() throws IOException {
      synchronized (this) {
        closed = true;
      }
      channel.close();
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    return Files.isRegularFile(resolveInside(key));
  }

  @Override
  public Stream<StoreEntry> list(String prefix) throws IOException {
    String p = prefix == null ? "" : prefix;
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    // Walk only the deepest directory named by the prefix.
    String dirPart = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
    String dir = dirPart.isEmpty() ? "" : Keys.check(root(), dirPart);
    Path start = dir.isEmpty() ? root : root.resolve(dir).normalize();
    if (!start.startsWith(root)) {
      return Stream.empty();
    }
    if (!dir.isEmpty()) {
      checkInside(dir, start);
    }
    if (!Files.isDirectory(start)) {
      return Stream.empty();
    }
    // Walk the real directory (so a prefix through a link that stays inside works) without
    // following the links below it: links to directories are not walked into, a link to a file is
    // listed when it stays inside.
    Path realStart = start.toRealPath();
    String keyBase = dir.isEmpty() ? "" : dir + "/";
    List<StoreEntry> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(realStart)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              f -> {
                String key = keyBase + realStart.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (key.startsWith(p) && !isTemp(f)) {
                  try {
                    if (Files.isSymbolicLink(f)) {
                      checkInside(key, root.resolve(key));
                    }
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
    return name.startsWith(TEMP_PREFIX) || (name.startsWith(".") && name.endsWith(OLD_TEMP_SUFFIX));
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    Path target = resolveInside(key);
    Files.createDirectories(target.getParent());
    checkInside(key, target); // again, now that the directories exist
    // A short name whatever the key's length; created with the default permissions (as any other
    // file the user writes), not a private temp file's.
    Path tmp = target.resolveSibling(TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
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

  /** The file's size and the MD5 of its bytes (read from disk; files are local). */
  @Override
  public Optional<ObjectStat> stat(String key) throws IOException {
    Path f = resolveInside(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      java.security.MessageDigest md = md5();
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      long size = 0;
      while (ch.read(buf) >= 0) {
        buf.flip();
        size += buf.remaining();
        md.update(buf);
        buf.clear();
      }
      return Optional.of(new ObjectStat(size, java.util.HexFormat.of().formatHex(md.digest())));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static java.security.MessageDigest md5() {
    try {
      return java.security.MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no MD5", e);
    }
  }

  /**
   * Writes through a partial file beside the target (named after the key, hidden from listings)
   * in pieces of 8 MiB, renamed into place when complete. A partial file
   * left by an interrupted call is kept as far as its bytes equal the new data's, and writing goes
   * on from there. An existing file of the same size and MD5 is left alone.
   */
  @Override
  public WriteOutcome writeResumable(String key, ByteBuffer data, LongConsumer progress) throws IOException {
    return writeResumable(key, new BufferInput(location(key), data), progress);
  }

  /** As {@link #writeResumable(String, ByteBuffer, LongConsumer)}, reading {@code source} piece by piece. */
  @Override
  public WriteOutcome writeResumable(String key, StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    Optional<ObjectStat> old = stat(key);
    if (old.isPresent() && old.get().size() == size && old.get().checksum().equals(Checksums.md5Hex(source))) {
      progress.accept(size);
      return WriteOutcome.skipped(size);
    }
    Path target = resolveInside(key);
    Files.createDirectories(target.getParent());
    checkInside(key, target);
    Path part = target.resolveSibling(TEMP_PREFIX + "resume-"
        + Checksums.md5Hex(ByteBuffer.wrap(target.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 20));
    long kept;
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      kept = matchingPrefix(ch, source);
      ch.truncate(kept);
      if (kept > 0) {
        progress.accept(kept);
      }
      for (long off = kept; off < size; off += RESUME_PIECE) {
        int len = (int) Math.min(RESUME_PIECE, size - off);
        ByteBuffer piece = source.read(off, len);
        long at = off;
        while (piece.hasRemaining()) {
          at += ch.write(piece, at);
        }
        progress.accept(len);
      }
      if (fsync) {
        ch.force(false);
      }
    }
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    int pieces = (int) Math.max(1, (size + RESUME_PIECE - 1) / RESUME_PIECE);
    int keptPieces = (int) (kept / RESUME_PIECE);
    return new WriteOutcome(size, kept, pieces, keptPieces);
  }

  /** Pieces a resumable write goes in. */
  static final int RESUME_PIECE = 8 << 20;

  /** How many leading bytes of the partial file equal those of {@code source}. */
  private static long matchingPrefix(FileChannel ch, StoreInput source) throws IOException {
    long have = Math.min(ch.size(), source.length());
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long same = 0;
    while (same < have) {
      buf.clear().limit((int) Math.min(buf.capacity(), have - same));
      int n = ch.read(buf, same);
      if (n <= 0) {
        break;
      }
      ByteBuffer theirs = source.read(same, n);
      for (int i = 0; i < n; i++) {
        if (buf.get(i) != theirs.get(theirs.position() + i)) {
          return same + i;
        }
      }
      same += n;
    }
    return same;
  }


  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolveInside(key));
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
