package io.trajstream.dcd;

import io.trajstream.format.FormatException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a DCD file, from its header: Fortran unformatted records (each framed by its byte
 * length, 4 or 8 bytes, in the file's byte order); a header record of 84 bytes ({@code CORD} and
 * twenty control integers), a title record, the atom count; then per frame an optional unit cell
 * record (CHARMM, six doubles), X, Y and Z records of one float per atom, and an optional fourth
 * dimension. Every frame has the same size, so frame {@code f} starts at {@code headerBytes + f *
 * frameBytes}.
 */
record DcdLayout(ByteOrder order, int markerBytes, int atoms, int framesDeclared, int istart, int nsavc,
    double delta, boolean charmm, boolean unitCell, boolean fourDims, long headerBytes, long frameBytes,
    String title) {

  /** Bytes of the header record payload. */
  private static final int HEADER_RECORD = 84;
  /** Bytes of the unit cell record payload: six doubles. */
  static final int CELL_BYTES = 48;

  /** The byte order and marker size of an object starting with {@code head} (at least 12 bytes), or null. */
  static Object[] sniff(ByteBuffer head) {
    byte[] cord = "CORD".getBytes(StandardCharsets.US_ASCII);
    for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      ByteBuffer b = head.duplicate().order(o);
      if (b.getInt(0) == HEADER_RECORD && matches(b, 4, cord)) {
        return new Object[] {o, 4};
      }
      if (b.getLong(0) == HEADER_RECORD && matches(b, 8, cord)) {
        return new Object[] {o, 8};
      }
    }
    return null;
  }

  private static boolean matches(ByteBuffer b, int at, byte[] s) {
    for (int i = 0; i < s.length; i++) {
      if (b.get(at + i) != s[i]) {
        return false;
      }
    }
    return true;
  }

  /** Parses the header of {@code in}; every problem is a {@link FormatException} naming the file. */
  static DcdLayout read(StoreInput in, String location) throws IOException {
    long length = in.length();
    if (length < 16) {
      throw new FormatException(location, null, "not a DCD file: " + length + " bytes");
    }
    ByteBuffer head = in.read(0, 16).slice();
    Object[] kind = sniff(head);
    if (kind == null) {
      throw new FormatException(location, null,
          "not a DCD file: it does not start with a record of 84 bytes holding CORD, in either byte order");
    }
    ByteOrder order = (ByteOrder) kind[0];
    int m = (Integer) kind[1];
    Records r = new Records(in, location, order, m, length);
    ByteBuffer h = r.record(0, HEADER_RECORD, "header record");
    int[] icntrl = new int[20];
    for (int i = 0; i < 20; i++) {
      icntrl[i] = h.getInt(4 + 4 * i);
    }
    // control word 19 is the CHARMM version: non-zero in files written by CHARMM (and NAMD, MDAnalysis)
    boolean charmm = icntrl[19] != 0;
    boolean cell = charmm && icntrl[10] != 0;
    boolean four = charmm && icntrl[11] == 1;
    double delta = charmm ? h.getFloat(40) : h.getDouble(40);
    int fixed = icntrl[8];
    long pos = m + HEADER_RECORD + m;
    // title: an int count, then that many 80-character lines
    long titleLen = r.marker(pos);
    if (titleLen < 4 || (titleLen - 4) % 80 != 0 || pos + 2L * m + titleLen > length) {
      throw new FormatException(location, "title record", "bad length " + titleLen + " at byte " + pos);
    }
    ByteBuffer t = r.record(pos, (int) titleLen, "title record");
    int lines = t.getInt(0);
    String title = "";
    if (lines >= 0 && 4 + 80L * lines <= titleLen) {
      byte[] text = new byte[80 * lines];
      t.get(4, text);
      title = new String(text, StandardCharsets.US_ASCII).replaceAll("\\p{Cntrl}", " ").strip();
    }
    pos += 2L * m + titleLen;
    ByteBuffer n = r.record(pos, 4, "atom count record");
    int atoms = n.getInt(0);
    pos += 2L * m + 4;
    if (atoms < 0) {
      throw new FormatException(location, "atom count record", "negative atom count " + atoms);
    }
    if (fixed != 0) {
      throw new FormatException(location, "header record", "has " + fixed
          + " fixed atoms (NAMNF): DCD files with fixed atoms are not supported; write the trajectory without them");
    }
    long frame = 3 * (2L * m + 4L * atoms) + (cell ? 2L * m + CELL_BYTES : 0) + (four ? 2L * m + 4L * atoms : 0);
    return new DcdLayout(order, m, atoms, icntrl[0], icntrl[1], icntrl[2], delta, charmm, cell, four, pos, frame,
        title);
  }

  /** Whole frames in a file of {@code length} bytes (a partly written last frame is not counted). */
  int frames(long length) {
    long n = (length - headerBytes) / frameBytes;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
  }

  /** Offset from the frame start of the payload of coordinate axis {@code axis} (0 x, 1 y, 2 z). */
  long axisOffset(int axis) {
    long cell = unitCell ? 2L * markerBytes + CELL_BYTES : 0;
    return cell + markerBytes + axis * (2L * markerBytes + 4L * atoms);
  }

  /** Reads records framed by markers, checking both markers. */
  static final class Records {
    private final StoreInput in;
    private final String location;
    private final ByteOrder order;
    private final int m;
    private final long length;

    Records(StoreInput in, String location, ByteOrder order, int markerBytes, long length) {
      this.in = in;
      this.location = location;
      this.order = order;
      this.m = markerBytes;
      this.length = length;
    }

    long marker(long pos) throws IOException {
      if (pos + m > length) {
        throw new FormatException(location, null, "truncated: no record marker at byte " + pos);
      }
      ByteBuffer b = in.read(pos, m).slice().order(order);
      return m == 4 ? b.getInt(0) : b.getLong(0);
    }

    /** The payload of the record at {@code pos}, which must be {@code len} bytes long. */
    ByteBuffer record(long pos, int len, String what) throws IOException {
      if (pos + 2L * m + len > length) {
        throw new FormatException(location, what, "truncated at byte " + pos);
      }
      ByteBuffer b = in.read(pos, 2 * m + len).slice().order(order);
      long first = m == 4 ? b.getInt(0) : b.getLong(0);
      long last = m == 4 ? b.getInt(m + len) : b.getLong(m + len);
      if (first != len || last != len) {
        throw new FormatException(location, what,
            "record at byte " + pos + " is framed by lengths " + first + " and " + last + ", expected " + len);
      }
      return b.position(m).limit(m + len).slice().order(order);
    }
  }
}
