package io.trajstream.xtc;

import io.trajstream.format.FormatException;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each frame of an XTC file starts, with its step, time and whether its box is set, found by
 * one scan of the frame headers (each header gives the size of its compressed block, so the scan
 * skips the coordinates). Immutable once built.
 *
 * <p>The index can be kept beside the file as {@code <key>.offsets}: a small binary object that
 * records the length of the file it describes. A cached index whose length or last frame header
 * does not match the file is stale and ignored.
 */
final class XtcIndex {
  static final int MAGIC = 1995;
  /** Bytes of a frame header up to the atom count of the coordinate block. */
  static final int HEADER = 56;
  /** Bytes before the compressed data of a frame of more than 9 atoms. */
  static final int COMPRESSED_HEADER = 92;
  /** Frames of at most this many atoms store plain floats. */
  static final int MAX_UNCOMPRESSED_ATOMS = 9;

  private static final byte[] CACHE_MAGIC = "TSXTCIDX".getBytes(StandardCharsets.US_ASCII);
  private static final int CACHE_VERSION = 1;
  private static final int CACHE_HEADER = 8 + 4 + 8 + 4 + 4 + 4 + 4;
  private static final int CACHE_PER_FRAME = 8 + 8 + 4 + 1;

  final int atoms;
  final long fileLength;
  final long[] offsets;
  final long[] steps;
  final double[] times;
  final boolean[] hasBox;
  /** Precision of the first frame (0 when frames are stored uncompressed). */
  final float precision;

  private XtcIndex(int atoms, long fileLength, long[] offsets, long[] steps, double[] times, boolean[] hasBox,
      float precision) {
    this.atoms = atoms;
    this.fileLength = fileLength;
    this.offsets = offsets;
    this.steps = steps;
    this.times = times;
    this.hasBox = hasBox;
    this.precision = precision;
  }

  int frames() {
    return offsets.length;
  }

  /** Bytes of frame {@code f}. */
  long frameLength(int f) {
    return (f + 1 < offsets.length ? offsets[f + 1] : fileLength) - offsets[f];
  }

  boolean anyBox() {
    for (boolean b : hasBox) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** Reads the header fields at the start of a frame; the problem names the frame and byte offset. */
  static FrameHeader header(ByteBuffer b, int at, String location, int frame, long offset) throws FormatException {
    int magic = b.getInt(at);
    if (magic != MAGIC) {
      throw new FormatException(location, "frame " + frame,
          "no XTC frame at byte " + offset + " (magic number " + magic + ", expected " + MAGIC + ")");
    }
    int atoms = b.getInt(at + 4);
    int step = b.getInt(at + 8);
    float time = b.getFloat(at + 12);
    boolean box = false;
    for (int k = 0; k < 9; k++) {
      box |= b.getFloat(at + 16 + 4 * k) != 0f;
    }
    int repeated = b.getInt(at + 52);
    if (atoms < 0 || repeated != atoms) {
      throw new FormatException(location, "frame " + frame,
          "bad atom count at byte " + offset + " (" + atoms + " in the header, " + repeated + " before the coordinates)");
    }
    return new FrameHeader(atoms, step, time, box);
  }

  /** The fixed fields of a frame header. */
  record FrameHeader(int atoms, int step, float time, boolean box) {}

  /** Bytes of a frame header (before any compressed data) for {@code atoms} atoms. */
  static int headerBytes(int atoms) {
    return atoms <= MAX_UNCOMPRESSED_ATOMS ? HEADER : COMPRESSED_HEADER;
  }

  /**
   * Scans the frame headers of the whole file. Reads windows of the file holding many frames when
   * frames are small, and only the headers when they are large.
   */
  static XtcIndex scan(StoreInput in, String location) throws IOException {
    long length = in.length();
    Window w = new Window(in, length);
    Growing g = new Growing();
    int atoms = -1;
    float precision = 0f;
    long pos = 0;
    int frame = 0;
    while (pos < length) {
      if (length - pos < HEADER) {
        throw new FormatException(location, "frame " + frame,
            "truncated: " + (length - pos) + " bytes at byte " + pos + " cannot hold a frame header");
      }
      ByteBuffer b = w.at(pos, (int) Math.min(COMPRESSED_HEADER, length - pos));
      int at = b.position();
      FrameHeader h = header(b, at, location, frame, pos);
      if (atoms < 0) {
        atoms = h.atoms();
      } else if (h.atoms() != atoms) {
        throw new FormatException(location, "frame " + frame,
            "has " + h.atoms() + " atoms at byte " + pos + ", the first frame has " + atoms);
      }
      long size;
      if (atoms <= MAX_UNCOMPRESSED_ATOMS) {
        size = HEADER + 12L * atoms;
      } else {
        if (length - pos < COMPRESSED_HEADER) {
          throw new FormatException(location, "frame " + frame,
              "truncated: the compressed-coordinate header at byte " + pos + " passes the end of the file");
        }
        if (frame == 0) {
          precision = b.getFloat(at + HEADER);
        }
        int nbytes = b.getInt(at + 88);
        if (nbytes < 0) {
          throw new FormatException(location, "frame " + frame,
              "negative compressed size " + nbytes + " at byte " + (pos + 88));
        }
        size = COMPRESSED_HEADER + ((nbytes + 3L) & ~3L);
      }
      if (pos + size > length) {
        throw new FormatException(location, "frame " + frame,
            "truncated: the frame at byte " + pos + " needs " + size + " bytes, the file has " + (length - pos) + " left");
      }
      g.add(pos, h.step(), h.time(), h.box());
      if (frame == 0) {
        w.adapt(size);
      }
      pos += size;
      frame++;
    }
    return g.build(Math.max(atoms, 0), length, precision);
  }

  /** Reads ahead over the file in windows sized to the frames. */
  private static final class Window {
    private final StoreInput in;
    private final long length;
    private int size = 64 * 1024;
    private long start = -1;
    private ByteBuffer data;

    Window(StoreInput in, long length) {
      this.in = in;
      this.length = length;
    }

    /** Frames of at most 64 KiB: windows of 1 MiB; larger frames: read just each header. */
    void adapt(long frameBytes) {
      size = frameBytes <= 64 * 1024 ? 1 << 20 : COMPRESSED_HEADER;
    }

    /** A buffer positioned at {@code pos} with at least {@code need} bytes after it. */
    ByteBuffer at(long pos, int need) throws IOException {
      if (data == null || pos < start || pos + need > start + data.limit()) {
        int n = (int) Math.min(Math.max(size, need), length - pos);
        data = in.read(pos, n).slice().order(ByteOrder.BIG_ENDIAN);
        start = pos;
      }
      ByteBuffer b = data.duplicate().order(ByteOrder.BIG_ENDIAN);
      b.position((int) (pos - start));
      return b;
    }
  }

  /** Per-frame values collected during a scan. */
  private static final class Growing {
    long[] offsets = new long[256];
    long[] steps = new long[256];
    double[] times = new double[256];
    boolean[] box = new boolean[256];
    int n;

    void add(long offset, long step, double time, boolean hasBox) {
      if (n == offsets.length) {
        int cap = n * 2;
        offsets = Arrays.copyOf(offsets, cap);
        steps = Arrays.copyOf(steps, cap);
        times = Arrays.copyOf(times, cap);
        box = Arrays.copyOf(box, cap);
      }
      offsets[n] = offset;
      steps[n] = step;
      times[n] = time;
      box[n] = hasBox;
      n++;
    }

    XtcIndex build(int atoms, long length, float precision) {
      return new XtcIndex(atoms, length, Arrays.copyOf(offsets, n), Arrays.copyOf(steps, n), Arrays.copyOf(times, n),
          Arrays.copyOf(box, n), precision);
    }
  }

  /** The index as the bytes of a {@code .offsets} object. */
  byte[] toBytes() {
    int n = frames();
    ByteBuffer b = ByteBuffer.allocate(CACHE_HEADER + CACHE_PER_FRAME * n).order(ByteOrder.BIG_ENDIAN);
    b.put(CACHE_MAGIC).putInt(CACHE_VERSION).putLong(fileLength).putInt(atoms).putInt(n)
        .putFloat(precision).putInt(0);
    for (int f = 0; f < n; f++) {
      b.putLong(offsets[f]).putLong(steps[f]).putFloat((float) times[f]).put((byte) (hasBox[f] ? 1 : 0));
    }
    return b.array();
  }

  /**
   * The cached index in {@code cacheKey}, if there is one that describes this file: same length, and
   * the last frame's header at its recorded offset has the recorded step. Otherwise empty.
   */
  static XtcIndex loadCached(Store store, String cacheKey, StoreInput in, String location) throws IOException {
    byte[] bytes;
    try {
      if (!store.exists(cacheKey)) {
        return null;
      }
      try (StoreInput c = store.newInput(cacheKey)) {
        long len = c.length();
        // bounded: never more than the header plus one entry per possible frame of the file
        if (len < CACHE_HEADER || len > CACHE_HEADER + CACHE_PER_FRAME * (in.length() / HEADER + 1)) {
          return null;
        }
        bytes = new byte[(int) len];
        c.readFully(0, bytes, 0, bytes.length);
      }
    } catch (FileNotFoundException e) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    byte[] magic = new byte[CACHE_MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, CACHE_MAGIC) || b.getInt() != CACHE_VERSION) {
      return null;
    }
    long fileLength = b.getLong();
    int atoms = b.getInt();
    int n = b.getInt();
    float precision = b.getFloat();
    b.getInt();
    if (fileLength != in.length() || atoms < 0 || n < 0 || bytes.length != CACHE_HEADER + (long) CACHE_PER_FRAME * n) {
      return null;
    }
    long[] offsets = new long[n];
    long[] steps = new long[n];
    double[] times = new double[n];
    boolean[] box = new boolean[n];
    long prev = -1;
    for (int f = 0; f < n; f++) {
      offsets[f] = b.getLong();
      steps[f] = b.getLong();
      times[f] = b.getFloat();
      box[f] = b.get() != 0;
      if (offsets[f] <= prev || offsets[f] >= fileLength) {
        return null;
      }
      prev = offsets[f];
    }
    XtcIndex idx = new XtcIndex(atoms, fileLength, offsets, steps, times, box, precision);
    if (n > 0) {
      // the last frame must be where the index says, with the step it records
      int last = n - 1;
      if (fileLength - offsets[last] < HEADER) {
        return null;
      }
      ByteBuffer h = in.read(offsets[last], HEADER).order(ByteOrder.BIG_ENDIAN);
      if (h.getInt(0) != MAGIC || h.getInt(4) != atoms || h.getInt(8) != steps[last] || h.getInt(52) != atoms) {
        return null;
      }
    }
    return idx;
  }
}
