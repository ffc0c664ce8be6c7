package io.trajstream.runtime.zip;

import io.trajstream.format.FormatException;
import io.trajstream.store.Store;
import io.trajstream.store.StoreCapabilities;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A read-only store over one zip archive in another store (a single-file zarr, as zarr-python's
 * {@code ZipStore} writes it), read with ranged requests only: opening reads the end of the archive
 * (and the central directory, when it does not lie in that tail) and every entry is then read as a
 * range of the archive, never the whole file. Entries must be stored uncompressed ({@code
 * ZIP_STORED}, zarr-python's default); zip64 archives are read. Keys are the entry names.
 */
public final class ZipStore implements Store {
  /** Bytes read from the end on opening: the end records and, for most archives, the whole directory. */
  static final int TAIL = 64 * 1024;

  private final Store base;
  private final String zipKey;
  private final StoreInput archive;
  private final boolean ownsBase;
  private final Map<String, ZipEntry> entries;
  /** Where each entry's data starts, once its local header was read. */
  private final Map<String, Long> dataStarts = new ConcurrentHashMap<>();

  private ZipStore(Store base, String zipKey, StoreInput archive, boolean ownsBase, Map<String, ZipEntry> entries) {
    this.base = base;
    this.zipKey = zipKey;
    this.archive = archive;
    this.ownsBase = ownsBase;
    this.entries = entries;
  }

  /**
   * Opens the archive {@code zipKey} of {@code base}; with {@code ownsBase}, closing this store
   * closes {@code base} too.
   */
  public static ZipStore open(Store base, String zipKey, boolean ownsBase) throws IOException {
    StoreInput in = base.newInput(zipKey);
    try {
      return new ZipStore(base, zipKey, in, ownsBase, ZipDirectory.read(in, base.location(zipKey)));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The archive's location, for messages. */
  private String archiveLocation() {
    return base.location(zipKey);
  }

  @Override
  public String root() {
    return "zip:" + archiveLocation() + "!/";
  }

  @Override
  public String location(String key) {
    return root() + key;
  }

  private ZipEntry entry(String key) throws FileNotFoundException {
    ZipEntry e = entries.get(key);
    if (e == null) {
      throw new FileNotFoundException(location(key));
    }
    return e;
  }

  private void checkStored(ZipEntry e) throws IOException {
    if (e.method() != ZipEntry.STORED) {
      throw new FormatException(archiveLocation(), e.name(), "entry is compressed (method " + e.method()
          + "); single-file zarr stores must be written uncompressed (ZIP_STORED, zarr-python's default)");
    }
  }

  /** Where {@code e}'s bytes start: read from its local header the first time (one small read). */
  private long dataStart(ZipEntry e) throws IOException {
    Long known = dataStarts.get(e.name());
    if (known != null) {
      return known;
    }
    ByteBuffer h = archive.read(e.localHeaderOffset(), ZipFormat.LOCAL_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    long start = dataStartFromHeader(e, h);
    dataStarts.put(e.name(), start);
    return start;
  }

  private long dataStartFromHeader(ZipEntry e, ByteBuffer h) throws IOException {
    if (h.getInt(0) != ZipFormat.LOCAL_HEADER) {
      throw new FormatException(archiveLocation(), e.name(), "no local file header at offset " + e.localHeaderOffset());
    }
    int nameLen = Short.toUnsignedInt(h.getShort(26));
    int extraLen = Short.toUnsignedInt(h.getShort(28));
    return e.localHeaderOffset() + ZipFormat.LOCAL_HEADER_SIZE + nameLen + extraLen;
  }

  @Override
  public StoreInput newInput(String key) throws IOException {
    ZipEntry e = entry(key);
    checkStored(e);
    return new EntryInput(archive, location(key), dataStart(e), e.size());
  }

  /**
   * One ranged read of the local header and the data together (the local extra field is assumed as
   * long as the central one, which holds for zarr-python's and our archives; else a second read
   * fetches what is missing).
   */
  @Override
  public byte[] readAll(String key) throws IOException {
    ZipEntry e = entry(key);
    checkStored(e);
    if (e.size() > Integer.MAX_VALUE - 8) {
      throw new StoreException(location(key), "entry of " + e.size() + " bytes is too large to read whole");
    }
    int nameLen = e.name().getBytes(StandardCharsets.UTF_8).length;
    Long known = dataStarts.get(key);
    long from = known != null ? known : e.localHeaderOffset();
    long guessEnd = (known != null ? known : e.localHeaderOffset() + ZipFormat.LOCAL_HEADER_SIZE + nameLen + e.centralExtraLength()) + e.size();
    long end = Math.min(guessEnd, archive.length());
    ByteBuffer got = archive.read(from, (int) (end - from)).order(ByteOrder.LITTLE_ENDIAN);
    long start = known != null ? known : dataStartFromHeader(e, got);
    dataStarts.putIfAbsent(key, start);
    byte[] out = new byte[(int) e.size()];
    long haveFrom = start - from;
    int have = (int) Math.max(0, Math.min(e.size(), got.limit() - haveFrom));
    if (have > 0) {
      got.get((int) haveFrom, out, 0, have);
    }
    if (have < out.length) {
      archive.readFully(start + have, out, have, out.length - have);
    }
    return out;
  }

  @Override
  public boolean exists(String key) {
    return entries.containsKey(key);
  }

  @Override
  public Stream<StoreEntry> list(String prefix) {
    String p = prefix == null ? "" : prefix;
    List<StoreEntry> out = new ArrayList<>();
    for (ZipEntry e : entries.values()) {
      if (e.name().startsWith(p)) {
        out.add(new StoreEntry(e.name(), e.size()));
      }
    }
    return out.stream();
  }

  /** The entry's size and its CRC-32 ({@code crc32:xxxxxxxx}). */
  @Override
  public Optional<io.trajstream.store.ObjectStat> stat(String key) {
    ZipEntry e = entries.get(key);
    return e == null ? Optional.empty()
        : Optional.of(new io.trajstream.store.ObjectStat(e.size(), String.format("crc32:%08x", e.crc())));
  }

  @Override
  public void write(String key, ByteBuffer data) throws IOException {
    throw new StoreException(location(key), "a zip archive is read-only here; write a directory, or convert to a new .zarrmd.zip");
  }

  @Override
  public void delete(String key) throws IOException {
    throw new StoreException(location(key), "a zip archive is read-only here");
  }

  @Override
  public int preferredConcurrency() {
    return base.preferredConcurrency();
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(true, false, false);
  }

  /** The entry names, sorted. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
  }

  @Override
  public void close() throws IOException {
    try {
      archive.close();
    } finally {
      if (ownsBase) {
        base.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ZipStore[" + archiveLocation() + "]";
  }

  /** An entry's bytes: a window of the archive's input. */
  private static final class EntryInput implements StoreInput {
    private final StoreInput archive;
    private final String location;
    private final long start;
    private final long length;

    EntryInput(StoreInput archive, String location, long start, long length) {
      this.archive = archive;
      this.location = location;
      this.start = start;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, buf.length);
      if (position < 0 || position + len > length) {
        throw new EOFException(location + ": read of " + len + " bytes at " + position + " passes the end (" + length + " bytes)");
      }
      if (len > 0) {
        archive.readFully(start + position, buf, off, len);
      }
    }

    @Override
    public int preferredPartSize() {
      return archive.preferredPartSize();
    }

    @Override
    public java.util.concurrent.Executor ioExecutor() {
      return archive.ioExecutor();
    }

    @Override
    public void close() {
      // the archive's input stays open for the store
    }
  }
}
