package io.trajstream.runtime.zip;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of uncompressed entries ({@code ZIP_STORED}) to a local file, as Python's
 * {@code zipfile} (and so zarr-python's {@code ZipStore}) writes and reads them: sizes and CRC-32 in
 * the local headers (no data descriptors), zip64 extra fields for entries whose size or offset
 * passes 4 GiB and zip64 end records when the archive needs them. Timestamps are fixed (1980-01-01
 * 00:00), so the same entries always give the same bytes. Not thread-safe.
 */
public final class ZipWriter implements Closeable {
  /** MS-DOS date of 1980-01-01 (the earliest a zip can hold). */
  private static final int DOS_DATE = (1 << 5) | 1;
  private static final int DOS_TIME = 0;
  /** Unix, format version 2.0 (4.5 with zip64), as Python writes. */
  private static final int MADE_BY_UNIX = 3 << 8;
  /** -rw-r--r--, as zarr-python gives its entries. */
  private static final int FILE_ATTRIBUTES = 0644 << 16;

  private record Written(byte[] name, boolean utf8, int crc, long size, long offset) {}

  private final FileChannel out;
  private final List<Written> written = new ArrayList<>();
  private final java.util.Set<String> names = new java.util.HashSet<>();
  private long position;
  private boolean closed;

  /** Creates (or truncates) {@code file}. */
  public ZipWriter(Path file) throws IOException {
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** Adds an entry holding {@code data}'s remaining bytes (its position is not moved). */
  public void add(String name, ByteBuffer data) throws IOException {
    if (!names.add(name)) {
      throw new IllegalArgumentException("zip entry '" + name + "' added twice");
    }
    CRC32 crc = new CRC32();
    crc.update(data.duplicate());
    long size = data.remaining();
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    boolean utf8 = !isAscii(name);
    Written w = new Written(n, utf8, (int) crc.getValue(), size, position);
    boolean zip64 = size >= ZipFormat.MAX32;
    ByteBuffer h = le(ZipFormat.LOCAL_HEADER_SIZE + n.length + (zip64 ? 20 : 0));
    h.putInt(ZipFormat.LOCAL_HEADER).putShort((short) (zip64 ? 45 : 20)).putShort((short) (utf8 ? ZipFormat.UTF8_FLAG : 0))
        .putShort((short) ZipEntry.STORED).putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt(w.crc())
        .putInt(zip64 ? -1 : (int) size).putInt(zip64 ? -1 : (int) size)
        .putShort((short) n.length).putShort((short) (zip64 ? 20 : 0)).put(n);
    if (zip64) {
      h.putShort((short) ZipFormat.ZIP64_EXTRA).putShort((short) 16).putLong(size).putLong(size);
    }
    writeFully(h.flip());
    writeFully(data.duplicate());
    written.add(w);
  }

  /** Writes the central directory and end records and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel ch = out) {
      long dirStart = position;
      for (Written w : written) {
        boolean bigSize = w.size() >= ZipFormat.MAX32;
        boolean bigOffset = w.offset() >= ZipFormat.MAX32;
        int extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
        ByteBuffer c = le(ZipFormat.CENTRAL_HEADER_SIZE + w.name().length + (extra > 0 ? 4 + extra : 0));
        int version = extra > 0 ? 45 : 20;
        c.putInt(ZipFormat.CENTRAL_HEADER).putShort((short) (MADE_BY_UNIX | version)).putShort((short) version)
            .putShort((short) (w.utf8() ? ZipFormat.UTF8_FLAG : 0)).putShort((short) ZipEntry.STORED)
            .putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt(w.crc())
            .putInt(bigSize ? -1 : (int) w.size()).putInt(bigSize ? -1 : (int) w.size())
            .putShort((short) w.name().length).putShort((short) (extra > 0 ? 4 + extra : 0)).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0).putInt(FILE_ATTRIBUTES).putInt(bigOffset ? -1 : (int) w.offset())
            .put(w.name());
        if (extra > 0) {
          c.putShort((short) ZipFormat.ZIP64_EXTRA).putShort((short) extra);
          if (bigSize) {
            c.putLong(w.size()).putLong(w.size());
          }
          if (bigOffset) {
            c.putLong(w.offset());
          }
        }
        writeFully(c.flip());
      }
      long dirSize = position - dirStart;
      long count = written.size();
      boolean zip64 = count >= ZipFormat.MAX16 || dirStart >= ZipFormat.MAX32 || dirSize >= ZipFormat.MAX32;
      if (zip64) {
        long recordAt = position;
        ByteBuffer z = le(ZipFormat.ZIP64_END_SIZE + ZipFormat.ZIP64_LOCATOR_SIZE);
        z.putInt(ZipFormat.ZIP64_END).putLong(ZipFormat.ZIP64_END_SIZE - 12).putShort((short) (MADE_BY_UNIX | 45))
            .putShort((short) 45).putInt(0).putInt(0).putLong(count).putLong(count).putLong(dirSize).putLong(dirStart);
        z.putInt(ZipFormat.ZIP64_LOCATOR).putInt(0).putLong(recordAt).putInt(1);
        writeFully(z.flip());
      }
      ByteBuffer e = le(ZipFormat.END_SIZE);
      e.putInt(ZipFormat.END).putShort((short) 0).putShort((short) 0)
          .putShort((short) Math.min(count, ZipFormat.MAX16)).putShort((short) Math.min(count, ZipFormat.MAX16))
          .putInt(dirSize >= ZipFormat.MAX32 ? -1 : (int) dirSize).putInt(dirStart >= ZipFormat.MAX32 ? -1 : (int) dirStart)
          .putShort((short) 0);
      writeFully(e.flip());
      ch.force(false);
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      position += out.write(b);
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
