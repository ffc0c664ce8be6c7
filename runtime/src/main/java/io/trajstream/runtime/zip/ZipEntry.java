package io.trajstream.runtime.zip;

/**
 * One file of a zip archive as its central directory describes it.
 *
 * @param name the entry's name (a store key)
 * @param method 0 stored, 8 deflated, …
 * @param crc the CRC-32 of the uncompressed bytes
 * @param compressedSize bytes stored
 * @param size bytes after decompression
 * @param localHeaderOffset where the entry's local header starts in the archive
 * @param centralExtraLength the length of the entry's extra field in the central directory (the
 *     local one is usually as long)
 */
record ZipEntry(String name, int method, int crc, long compressedSize, long size, long localHeaderOffset,
    int centralExtraLength) {
  static final int STORED = 0;
}
