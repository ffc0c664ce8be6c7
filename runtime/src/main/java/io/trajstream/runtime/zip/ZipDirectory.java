package io.trajstream.runtime.zip;

import io.trajstream.format.FormatException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a zip archive's central directory with as few ranged reads as it can: one of the last
 * {@link ZipStore#TAIL} bytes, which holds the end records and, for archives of up to some
 * hundreds of entries, the directory too; else one more read of the directory.
 */
final class ZipDirectory {
  private ZipDirectory() {}

  static Map<String, ZipEntry> read(StoreInput in, String where) throws IOException {
    long length = in.length();
    if (length < ZipFormat.END_SIZE) {
      throw new FormatException(where, null, "not a zip archive (" + length + " bytes)");
    }
    int tailLen = (int) Math.min(length, ZipStore.TAIL);
    long tailStart = length - tailLen;
    ByteBuffer tail = in.read(tailStart, tailLen).order(ByteOrder.LITTLE_ENDIAN);
    int end = findEnd(tail);
    if (end < 0) {
      if (length > tailLen) {
        // a comment longer than the tail allows for: look further back, up to the longest comment
        int more = (int) Math.min(length, ZipFormat.MAX_COMMENT + ZipFormat.END_SIZE + ZipFormat.ZIP64_END_SIZE + ZipFormat.ZIP64_LOCATOR_SIZE);
        tailStart = length - more;
        tail = in.read(tailStart, more).order(ByteOrder.LITTLE_ENDIAN);
        end = findEnd(tail);
      }
      if (end < 0) {
        throw new FormatException(where, null, "not a zip archive (no end of central directory record)");
      }
    }
    long count = Short.toUnsignedInt(tail.getShort(end + 10));
    long dirSize = Integer.toUnsignedLong(tail.getInt(end + 12));
    long dirOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
    int locator = end - ZipFormat.ZIP64_LOCATOR_SIZE;
    if (locator >= 0 && tail.getInt(locator) == ZipFormat.ZIP64_LOCATOR) {
      long z64 = tail.getLong(locator + 8);
      ByteBuffer rec;
      if (z64 >= tailStart && z64 + ZipFormat.ZIP64_END_SIZE <= tailStart + tail.limit()) {
        rec = tail.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (z64 - tailStart)).slice().order(ByteOrder.LITTLE_ENDIAN);
      } else {
        rec = in.read(z64, ZipFormat.ZIP64_END_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      }
      if (rec.getInt(0) != ZipFormat.ZIP64_END) {
        throw new FormatException(where, null, "zip64 locator points to no zip64 end record (offset " + z64 + ")");
      }
      count = rec.getLong(32);
      dirSize = rec.getLong(40);
      dirOffset = rec.getLong(48);
    }
    if (dirOffset < 0 || dirSize < 0 || dirOffset + dirSize > length || dirSize > Integer.MAX_VALUE - 8) {
      throw new FormatException(where, null, "central directory (" + dirSize + " bytes at " + dirOffset
          + ") does not fit the archive of " + length + " bytes");
    }
    ByteBuffer dir;
    if (dirOffset >= tailStart) {
      dir = tail.duplicate().position((int) (dirOffset - tailStart)).limit((int) (dirOffset - tailStart + dirSize)).slice();
    } else {
      dir = in.read(dirOffset, (int) dirSize);
    }
    return parse(dir.order(ByteOrder.LITTLE_ENDIAN), count, where);
  }

  /** The position of the end of central directory record in {@code tail}, searching backwards, or -1. */
  private static int findEnd(ByteBuffer tail) {
    for (int i = tail.limit() - ZipFormat.END_SIZE; i >= 0; i--) {
      if (tail.getInt(i) == ZipFormat.END) {
        int commentLen = Short.toUnsignedInt(tail.getShort(i + 20));
        if (i + ZipFormat.END_SIZE + commentLen == tail.limit()) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Map<String, ZipEntry> parse(ByteBuffer d, long count, String where) throws IOException {
    Map<String, ZipEntry> entries = new TreeMap<>();
    int p = 0;
    for (long n = 0; n < count; n++) {
      if (p + ZipFormat.CENTRAL_HEADER_SIZE > d.limit() || d.getInt(p) != ZipFormat.CENTRAL_HEADER) {
        throw new FormatException(where, null, "central directory entry " + n + " is damaged (at byte " + p + " of the directory)");
      }
      int flags = Short.toUnsignedInt(d.getShort(p + 8));
      int method = Short.toUnsignedInt(d.getShort(p + 10));
      int crc = d.getInt(p + 16);
      long csize = Integer.toUnsignedLong(d.getInt(p + 20));
      long size = Integer.toUnsignedLong(d.getInt(p + 24));
      int nameLen = Short.toUnsignedInt(d.getShort(p + 28));
      int extraLen = Short.toUnsignedInt(d.getShort(p + 30));
      int commentLen = Short.toUnsignedInt(d.getShort(p + 32));
      long offset = Integer.toUnsignedLong(d.getInt(p + 42));
      int nameAt = p + ZipFormat.CENTRAL_HEADER_SIZE;
      if (nameAt + nameLen + extraLen + commentLen > d.limit()) {
        throw new FormatException(where, null, "central directory entry " + n + " runs past the directory");
      }
      byte[] nameBytes = new byte[nameLen];
      d.get(nameAt, nameBytes);
      Charset cs = (flags & ZipFormat.UTF8_FLAG) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
      String name = new String(nameBytes, cs);
      // zip64: the fields that overflowed follow in the extra field, in this order
      int e = nameAt + nameLen;
      int eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        int id = Short.toUnsignedInt(d.getShort(e));
        int len = Short.toUnsignedInt(d.getShort(e + 2));
        if (id == ZipFormat.ZIP64_EXTRA) {
          int q = e + 4;
          if (size == ZipFormat.MAX32) {
            size = d.getLong(q);
            q += 8;
          }
          if (csize == ZipFormat.MAX32) {
            csize = d.getLong(q);
            q += 8;
          }
          if (offset == ZipFormat.MAX32) {
            offset = d.getLong(q);
          }
        }
        e += 4 + len;
      }
      if (!name.endsWith("/")) {
        entries.put(name, new ZipEntry(name, method, crc, csize, size, offset, extraLen));
      }
      p = nameAt + nameLen + extraLen + commentLen;
    }
    return entries;
  }
}
