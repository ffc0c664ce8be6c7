package io.trajstream.gcs;

import io.trajstream.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The local record of one unfinished resumable upload, so that a later run (another process, days
 * later) can carry the session on: a small text file in the upload-state directory ({@code
 * gcs.upload-state-dir}), named by a hash of the endpoint and destination. It holds them, the
 * object's size, the generation the upload was made against (its precondition), the session URI,
 * and one line per chunk sent, appended <em>before</em> the chunk goes out: its offset, length and
 * MD5. Whatever the server says it has persisted is then covered by chunk lines, which a rerun
 * checks against the source; a line cut short by a crash is ignored.
 *
 * <p>The session URI lets anyone holding it upload to the object, so the file is readable by its
 * owner only (where the file system has POSIX permissions) and the URI is never printed.
 */
final class GcsUploadState {
  private static final String MAGIC = "trajstream gcs resumable upload 1";

  /** One chunk sent: {@code length} bytes at {@code offset} whose MD5 is {@code md5Hex}. */
  record Chunk(long offset, long length, String md5Hex) {}

  private final Path file;
  private final long size;
  private final long generation;
  private final String session;
  private final List<Chunk> chunks;

  private GcsUploadState(Path file, long size, long generation, String session, List<Chunk> chunks) {
    this.file = file;
    this.size = size;
    this.generation = generation;
    this.session = session;
    this.chunks = chunks;
  }

  /** The state file of uploads filed under {@code key} (endpoint and destination) in {@code dir}. */
  static Path fileFor(Path dir, String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h, 0, 16) + ".upload");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /**
   * The unfinished upload filed under {@code key} in {@code dir}, if there is one for an object
   * of {@code size} bytes; a record of another size, or one that cannot be read, is deleted.
   */
  static Optional<GcsUploadState> load(Path dir, String key, long size) throws IOException {
    Path file = fileFor(dir, key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    try {
      if (lines.size() < 5 || !lines.get(0).equals(MAGIC)) {
        throw new IllegalArgumentException("not an upload record");
      }
      String loc = value(lines.get(1), "location");
      long sz = Long.parseLong(value(lines.get(2), "size"));
      long gen = Long.parseLong(value(lines.get(3), "generation"));
      String session = value(lines.get(4), "session");
      if (!loc.equals(key) || sz != size) {
        Files.deleteIfExists(file);
        return Optional.empty();
      }
      List<Chunk> chunks = new ArrayList<>();
      for (String line : lines.subList(5, lines.size())) {
        String[] f = line.split(" ");
        if (f.length != 4 || !f[0].equals("chunk") || f[3].length() != 32) {
          break; // cut short by a crash while appending: the chunk was not sent
        }
        chunks.add(new Chunk(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
      }
      return Optional.of(new GcsUploadState(file, sz, gen, session, chunks));
    } catch (IllegalArgumentException e) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
  }

  private static String value(String line, String name) {
    if (!line.startsWith(name + " ")) {
      throw new IllegalArgumentException("expected " + name);
    }
    return line.substring(name.length() + 1);
  }

  /**
   * Records a new session in {@code dir} under {@code key}, replacing any older record; {@code
   * location} names the object in messages.
   */
  static GcsUploadState create(Path dir, String key, String location, long size, long generation, String session)
      throws IOException {
    Path file = fileFor(dir, key);
    try {
      createPrivateDirectories(dir);
      Path tmp = Files.createTempFile(dir, "upload-", ".tmp", ownerOnly("rw-------"));
      Files.writeString(tmp, MAGIC + "\nlocation " + key + "\nsize " + size + "\ngeneration " + generation
          + "\nsession " + session + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StoreException(location, "cannot record the upload session in " + dir + " (" + e.getMessage()
          + "); set " + GcsOptions.UPLOAD_STATE_DIR + " to a writable directory", e);
    }
    return new GcsUploadState(file, size, generation, session, new ArrayList<>());
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, ownerOnly("rwx------"));
    } catch (FileAlreadyExistsException e) {
      // made meanwhile by another upload
    }
  }

  private static FileAttribute<?>[] ownerOnly(String perms) {
    boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
        : new FileAttribute<?>[0];
  }

  /** Notes that a chunk is about to be sent (before it is). */
  void recordChunk(long offset, long length, String md5Hex) throws IOException {
    Files.writeString(file, "chunk " + offset + " " + length + " " + md5Hex + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    chunks.add(new Chunk(offset, length, md5Hex));
  }

  /** Forgets the upload: it finished, or its session can no longer be used. */
  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  long size() {
    return size;
  }

  long generation() {
    return generation;
  }

  /** The session URI (a secret: never for messages). */
  String session() {
    return session;
  }

  /** The chunks recorded, in the order they were sent. */
  List<Chunk> chunks() {
    return List.copyOf(chunks);
  }
}
