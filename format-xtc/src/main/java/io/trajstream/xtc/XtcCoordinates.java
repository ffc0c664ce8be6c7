package io.trajstream.xtc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Decodes the compressed coordinate block of one XTC frame (GROMACS's "xdr3dfcoord" scheme).
 *
 * <p>The encoder stores each coordinate as an integer, {@code round(x * precision)}. The first atom
 * of a run is stored relative to the frame's minimum as a mixed-radix number of the three
 * coordinate ranges (or, when a range is too large for that, as three plain bit fields). Runs of
 * atoms close to their predecessor follow as small differences, again as a mixed-radix number of
 * three values in {@code [0, magic[smallIdx])}; the size of these small numbers adapts from run to
 * run. Within a run the first two atoms are stored swapped (water: O, H, H compresses better as
 * H, O, H). The bit stream is read most significant bit first.
 *
 * <p>Instances are single-use and not shared: each decode creates its own.
 */
final class XtcCoordinates {
  /** Sizes of the small-difference ranges; entry {@code i} needs about {@code i} bits for three values. */
  static final int[] MAGIC = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64,
    80, 101, 128, 161, 203, 256, 322, 406, 512, 645, 812, 1024, 1290,
    1625, 2048, 2580, 3250, 4096, 5060, 6501, 8192, 10321, 13003,
    16384, 20642, 26007, 32768, 41285, 52015, 65536, 82570, 104031,
    131072, 165140, 208063, 262144, 330280, 416127, 524287, 660561,
    832255, 1048576, 1321122, 1664510, 2097152, 2642245, 3329021,
    4194304, 5284491, 6658042, 8388607, 10568983, 13316085, 16777216
  };

  /** The smallest index of {@link #MAGIC} in use (entries below are zero). */
  static final int FIRST_INDEX = 9;

  /** Reciprocals of the {@link #MAGIC} sizes in use (null below {@link #FIRST_INDEX}). */
  private static final Reciprocal[] MAGIC_RECIPROCALS = new Reciprocal[MAGIC.length];

  static {
    for (int i = FIRST_INDEX; i < MAGIC.length; i++) {
      MAGIC_RECIPROCALS[i] = new Reciprocal(MAGIC[i]);
    }
  }

  /** Ranges above this are stored as plain bit fields rather than as one mixed-radix number. */
  private static final long LARGE_RANGE = 0xffffffL;

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] data;
  private final int limit;
  /** The next bit to read, counted from the start of {@code data}. */
  private long bitPos;
  /** The bit after the last one of the compressed bytes. */
  private final long endBit;

  /** Header values of one compressed block; as stored before the compressed bytes. */
  record Header(float precision, int[] min, int[] max, int smallIndex) {}

  private XtcCoordinates(byte[] data, int offset, int length) {
    this.data = data;
    this.limit = offset + length;
    this.bitPos = 8L * offset;
    this.endBit = 8L * limit;
  }

  /**
   * Decodes the coordinates of atoms {@code [0, atomsWanted)} of a frame of {@code atoms} atoms
   * into {@code out} (3 floats per atom, from {@code outOffset}), stopping after the last wanted
   * atom.
   *
   * @param data the compressed bytes
   * @param offset where they start in {@code data}
   * @param length their count
   * @return null on success, else what is wrong with the data
   */
  static String decode(Header h, int atoms, byte[] data, int offset, int length, int atomsWanted,
      float[] out, int outOffset) {
    return new XtcCoordinates(data, offset, length).run(h, atoms, atomsWanted, out, outOffset);
  }

  /** Checks the block header; null when it can be decoded, else the problem. */
  static String check(Header h) {
    if (!(h.precision() > 0) || Float.isInfinite(h.precision())) {
      return "precision " + h.precision() + " is not a positive number";
    }
    if (h.smallIndex() < FIRST_INDEX || h.smallIndex() >= MAGIC.length) {
      return "small-integer index " + h.smallIndex() + " outside [" + FIRST_INDEX + ", " + (MAGIC.length - 1) + "]";
    }
    for (int k = 0; k < 3; k++) {
      if ((long) h.max()[k] < h.min()[k]) {
        return "coordinate range " + k + " is empty (min " + h.min()[k] + " > max " + h.max()[k] + ")";
      }
    }
    return null;
  }

  private String run(Header h, int atoms, int atomsWanted, float[] out, int outOffset) {
    int[] min = h.min();
    long[] range = new long[3];
    boolean large = false;
    for (int k = 0; k < 3; k++) {
      range[k] = (long) h.max()[k] - min[k] + 1;
      large |= range[k] > LARGE_RANGE;
    }
    int[] fieldBits = new int[3];
    int mixedBits = 0;
    if (large) {
      for (int k = 0; k < 3; k++) {
        fieldBits[k] = bitLength(range[k]);
      }
    } else {
      mixedBits = BigInteger.valueOf(range[0]).multiply(BigInteger.valueOf(range[1]))
          .multiply(BigInteger.valueOf(range[2])).bitLength();
    }
    Reciprocal range1 = new Reciprocal(range[1]);
    Reciprocal range2 = new Reciprocal(range[2]);
    int smallIdx = h.smallIndex();
    int smaller = MAGIC[Math.max(FIRST_INDEX, smallIdx - 1)] / 2;
    int smallNum = MAGIC[smallIdx] / 2;
    long[] smallRanges = new long[3];
    // the inverse is computed in double and rounded to float; each value is then int * float in float
    float inv = (float) (1.0 / (double) h.precision());
    int end = outOffset + 3 * Math.min(atoms, atomsWanted);
    int[] c = new int[3];
    int min0 = min[0];
    int min1 = min[1];
    int min2 = min[2];
    int run = 0;
    int i = 0;
    int o = outOffset;
    while (i < atoms && i < atomsWanted) {
      int p0;
      int p1;
      int p2;
      if (large) {
        p0 = (int) bits(fieldBits[0]) + min0;
        p1 = (int) bits(fieldBits[1]) + min1;
        p2 = (int) bits(fieldBits[2]) + min2;
      } else if (mixedBits <= 63) {
        // the digits are kept in locals: this is the hot path of every run's first atom
        long v = number(mixedBits);
        long q = range2.quotient(v);
        p2 = (int) (v - q * range2.divisor) + min2;
        long q1 = range1.quotient(q);
        p1 = (int) (q - q1 * range1.divisor) + min1;
        p0 = (int) q1 + min0;
      } else {
        wideMixedRadix(mixedBits, range, c);
        p0 = c[0] + min0;
        p1 = c[1] + min1;
        p2 = c[2] + min2;
      }
      i++;
      int change = 0;
      if (bits(1) == 1) {
        // a new run length (in coordinates, a multiple of 3) and a step of the small size
        run = (int) bits(5);
        change = run % 3;
        run -= change;
        change--;
      }
      if (run > 0) {
        if (i + run / 3 > atoms) {
          return "a run of " + run / 3 + " atoms after atom " + i + " passes the frame's " + atoms + " atoms";
        }
        smallRanges[0] = smallRanges[1] = smallRanges[2] = MAGIC[smallIdx];
        Reciprocal small = MAGIC_RECIPROCALS[smallIdx];
        long size = small.divisor;
        for (int k = 0; k < run; k += 3) {
          int n0;
          int n1;
          int n2;
          if (smallIdx <= 63) {
            long v = number(smallIdx);
            long q = small.quotient(v);
            n2 = (int) (v - q * size) + p2 - smallNum;
            long q1 = small.quotient(q);
            n1 = (int) (q - q1 * size) + p1 - smallNum;
            n0 = (int) q1 + p0 - smallNum;
          } else {
            wideMixedRadix(smallIdx, smallRanges, c);
            n0 = c[0] + p0 - smallNum;
            n1 = c[1] + p1 - smallNum;
            n2 = c[2] + p2 - smallNum;
          }
          i++;
          if (k == 0) {
            // the first two atoms of a run are stored in swapped order
            o = emit(out, o, end, n0, n1, n2, inv);
            o = emit(out, o, end, p0, p1, p2, inv);
          } else {
            o = emit(out, o, end, n0, n1, n2, inv);
          }
          p0 = n0;
          p1 = n1;
          p2 = n2;
        }
      } else {
        o = emit(out, o, end, p0, p1, p2, inv);
      }
      if (bitPos > endBit) {
        return "the compressed coordinates end before atom " + i + " of " + atoms;
      }
      smallIdx += change;
      if (smallIdx < FIRST_INDEX || smallIdx >= MAGIC.length) {
        return "small-integer index moves to " + smallIdx + " at atom " + i;
      }
      if (change < 0) {
        smallNum = smaller;
        smaller = smallIdx > FIRST_INDEX ? MAGIC[smallIdx - 1] / 2 : 0;
      } else if (change > 0) {
        smaller = smallNum;
        smallNum = MAGIC[smallIdx] / 2;
      }
    }
    return null;
  }

  /** Writes one atom, unless it lies past the wanted atoms (the last run may decode beyond them). */
  private static int emit(float[] out, int o, int end, int x, int y, int z, float inv) {
    if (o < end) {
      out[o] = x * inv;
      out[o + 1] = y * inv;
      out[o + 2] = z * inv;
    }
    return o + 3;
  }

  /**
   * The next {@code n} bits of the stream (1 to 57), most significant first: one unaligned 8-byte
   * load at the byte holding the next bit, shifted into place, so that successive reads depend on
   * each other only through the bit position.
   */
  private long bits(int n) {
    int at = (int) (bitPos >>> 3);
    long word = at <= limit - 8 ? (long) BIG_ENDIAN_LONG.get(data, at) : lastWord(at);
    long v = (word << (bitPos & 7)) >>> (64 - n);
    bitPos += n;
    return v;
  }

  /** The 8 bytes from {@code at} near the end of the data, zeros past it (an overrun shows as {@code bitPos > endBit}). */
  private long lastWord(int at) {
    long w = 0;
    for (int k = 0; k < 8; k++) {
      w = (w << 8) | (at + k < limit ? data[at + k] & 0xff : 0);
    }
    return w;
  }

  /**
   * Reads a number of {@code nbits} (1 to 63) bits stored as bytes, least significant byte first
   * (the last byte may be partial); the caller splits it into its mixed-radix digits.
   */
  private long number(int nbits) {
    return littleEndianBytes(nbits <= 57 ? bits(nbits) : (bits(nbits - 32) << 32) | bits(32), nbits);
  }

  /**
   * Reads a number of more than 63 bits stored as bytes, least significant byte first (the last
   * byte may be partial), and splits it into three digits of radices {@code ranges[0..2]} (the
   * last digit varying fastest) by long division over its bytes.
   */
  private void wideMixedRadix(int nbits, long[] ranges, int[] digits) {
    // wider than a long: long division over the bytes, most significant byte first
    int[] bytes = new int[(nbits + 7) / 8];
    int count = 0;
    int left = nbits;
    while (left > 8) {
      bytes[count++] = (int) bits(8);
      left -= 8;
    }
    if (left > 0) {
      bytes[count++] = (int) bits(left);
    }
    for (int d = 2; d > 0; d--) {
      long rem = 0;
      for (int j = count - 1; j >= 0; j--) {
        long cur = (rem << 8) | bytes[j];
        bytes[j] = (int) (cur / ranges[d]);
        rem = cur - bytes[j] * ranges[d];
      }
      digits[d] = (int) rem;
    }
    digits[0] = bytes[0] | (bytes[1] << 8) | (count > 2 ? bytes[2] << 16 : 0) | (count > 3 ? bytes[3] << 24 : 0);
  }

  /**
   * The number whose {@code nbits} (1 to 63) bits were read in one go as {@code stream}: the
   * encoder writes it as whole bytes, least significant first, then the rest (1 to 8 bits) of the
   * most significant byte.
   */
  static long littleEndianBytes(long stream, int nbits) {
    int whole = (nbits - 1) >>> 3;
    int rest = nbits - 8 * whole;
    // with no whole byte the shifted-out part is 0, so the shift by 64 (a shift by 0) does no harm
    long low = Long.reverseBytes(stream >>> rest) >>> (64 - 8 * whole);
    return low | ((stream & ((1L << rest) - 1)) << (8 * whole));
  }

  /** Bits of {@code v} up to its highest set bit, at most 32 (the field width of a large range). */
  static int bitLength(long v) {
    return Math.min(32, 64 - Long.numberOfLeadingZeros(v));
  }
}
