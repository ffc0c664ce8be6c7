package io.trajstream.trr;

import io.trajstream.format.FormatException;
import java.nio.ByteBuffer;

/**
 * The header of one TRR frame: XDR (big-endian) magic 1993, a version string, the byte sizes of the
 * blocks that follow (box, virial, pressure, positions, velocities, forces), the atom count, step,
 * and time and lambda as reals of the frame's precision (4 or 8 bytes, told by the block sizes).
 *
 * @param headerBytes bytes of the header; the blocks follow it in the order box, virial, pressure,
 *     positions, velocities, forces
 * @param real bytes per real value: 4 (single) or 8 (double precision)
 */
record TrrHeader(int headerBytes, int real, int atoms, long step, double time, double lambda, int boxSize,
    int virSize, int presSize, int xSize, int vSize, int fSize) {
  static final int MAGIC = 1993;
  /** The longest version string accepted (GROMACS writes "GMX_trn_file", 12 bytes). */
  static final int MAX_VERSION = 128;
  /** Bytes needed to parse any header: magic, lengths, the longest version string, ints and reals. */
  static final int MAX_HEADER = 12 + MAX_VERSION + 13 * 4 + 16;

  /** Bytes of the frame: header and blocks. */
  long frameBytes() {
    return (long) headerBytes + boxSize + virSize + presSize + xSize + vSize + fSize;
  }

  /** Offset of the box block from the frame start. */
  long boxOffset() {
    return headerBytes;
  }

  /** Offset of the positions block from the frame start. */
  long xOffset() {
    return (long) headerBytes + boxSize + virSize + presSize;
  }

  long vOffset() {
    return xOffset() + xSize;
  }

  long fOffset() {
    return vOffset() + vSize;
  }

  /**
   * Parses the header at {@code at} in {@code b} ({@code available} bytes from there); {@code
   * realHint} is the precision of the frame before (0 for none), used when no block tells it.
   *
   * @throws FormatException naming the file, frame and what is wrong
   */
  static TrrHeader parse(ByteBuffer b, int at, int available, String location, int frame, long offset, int realHint)
      throws FormatException {
    String where = "frame " + frame;
    if (available < 12) {
      throw new FormatException(location, where, "truncated: " + available + " bytes at byte " + offset
          + " cannot hold a frame header");
    }
    int magic = b.getInt(at);
    if (magic != MAGIC) {
      throw new FormatException(location, where,
          "no TRR frame at byte " + offset + " (magic number " + magic + ", expected " + MAGIC + ")");
    }
    int strlen = b.getInt(at + 8);
    if (strlen < 0 || strlen > MAX_VERSION || b.getInt(at + 4) != strlen + 1) {
      throw new FormatException(location, where,
          "bad version string length " + strlen + " at byte " + (offset + 8) + " (declared " + b.getInt(at + 4) + ")");
    }
    int ints = at + 12 + ((strlen + 3) & ~3);
    if (ints - at + 13 * 4 > available) {
      throw new FormatException(location, where, "truncated frame header at byte " + offset);
    }
    int[] v = new int[13];
    for (int k = 0; k < 13; k++) {
      v[k] = b.getInt(ints + 4 * k);
      if (v[k] < 0 && k != 11) {
        throw new FormatException(location, where, "negative header value " + v[k] + " at byte " + (offset + ints - at + 4 * k));
      }
    }
    int boxSize = v[2];
    int virSize = v[3];
    int presSize = v[4];
    int xSize = v[7];
    int vSize = v[8];
    int fSize = v[9];
    int atoms = v[10];
    int real;
    if (boxSize != 0) {
      real = boxSize / 9;
    } else if (atoms > 0 && (xSize != 0 || vSize != 0 || fSize != 0)) {
      int any = xSize != 0 ? xSize : vSize != 0 ? vSize : fSize;
      real = (int) (any / (3L * atoms));
    } else {
      // no block tells the precision: that of the frame before, else single
      real = realHint > 0 ? realHint : 4;
    }
    if (real != 4 && real != 8) {
      throw new FormatException(location, where, "cannot tell single from double precision (box block of "
          + boxSize + " bytes, positions " + xSize + " bytes for " + atoms + " atoms)");
    }
    long perAtomBlock = 3L * atoms * real;
    check(location, where, "box", boxSize, 9L * real);
    check(location, where, "virial", virSize, 9L * real);
    check(location, where, "pressure", presSize, 9L * real);
    check(location, where, "positions", xSize, perAtomBlock);
    check(location, where, "velocities", vSize, perAtomBlock);
    check(location, where, "forces", fSize, perAtomBlock);
    int headerBytes = ints - at + 13 * 4 + 2 * real;
    if (headerBytes > available) {
      throw new FormatException(location, where, "truncated frame header at byte " + offset);
    }
    int reals = ints + 13 * 4;
    double time = real == 4 ? b.getFloat(reals) : b.getDouble(reals);
    double lambda = real == 4 ? b.getFloat(reals + real) : b.getDouble(reals + real);
    return new TrrHeader(headerBytes, real, atoms, v[11], time, lambda, boxSize, virSize, presSize, xSize, vSize, fSize);
  }

  private static void check(String location, String where, String block, int size, long expected)
      throws FormatException {
    if (size != 0 && size != expected) {
      throw new FormatException(location, where, block + " block of " + size + " bytes, expected 0 or " + expected);
    }
  }
}
