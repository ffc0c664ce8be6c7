package io.trajstream.xtc;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TimeSeries;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.ByteRange;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an XTC file through its frame offset index: each read fetches exactly the frames asked for
 * (one vectored request) and decodes them independently. Thread-safe: the index is immutable and
 * every read uses positional reads of the shared input.
 */
final class XtcReader implements TrajectoryReader {
  private final StoreInput in;
  private final String location;
  private final XtcIndex index;
  private final TrajectoryInfo info;
  /** Each reading thread's buffer for frame bytes, kept from read to read. */
  private final ScratchBytes scratch = new ScratchBytes();

  XtcReader(StoreInput in, String location, XtcIndex index, String indexSource) {
    this.in = in;
    this.location = location;
    this.index = index;
    boolean box = index.anyBox();
    TrajectoryInfo.Builder b = TrajectoryInfo.builder(XtcFormat.NAME, index.atoms, StepSeries.of(index.steps))
        .location(location)
        .timeSeries(TimeSeries.of(index.times))
        .timeUnit("ps")
        .particleGroup("all")
        .field(Field.POSITION, "nm")
        .chunking(Field.POSITION, 1,
            index.atoms <= XtcIndex.MAX_UNCOMPRESSED_ATOMS ? "none" : "xtc(precision=" + precisionText(index.precision) + ")")
        .boundary(List.of(box ? "periodic" : "none", box ? "periodic" : "none", box ? "periodic" : "none"))
        .attribute("xtc.offsets", indexSource);
    if (index.atoms > XtcIndex.MAX_UNCOMPRESSED_ATOMS && index.frames() > 0) {
      b.attribute("xtc.precision", precisionText(index.precision));
    }
    if (box) {
      b.field(Field.BOX, "nm").chunking(Field.BOX, 1, "none");
    }
    this.info = b.build();
  }

  /** 1000 rather than 1000.0 for the usual whole-number precisions. */
  private static String precisionText(float p) {
    return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Float.toString(p);
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    frames.checkWithin(index.frames());
    int[] sel = atoms.resolve(index.atoms);
    int n = frames.size();
    FrameBlock.Builder b = FrameBlock.builder(frames.toArray(), sel);
    for (int i = 0; i < n; i++) {
      int f = frames.frame(i);
      b.step(i, index.steps[f]).time(i, index.times[f]);
    }
    boolean positions = fields.contains(Field.POSITION);
    boolean box = fields.contains(Field.BOX) && info.has(Field.BOX);
    if (n == 0 || (!positions && !box)) {
      if (positions) {
        b.declare(Field.POSITION);
      }
      if (box) {
        b.declare(Field.BOX);
      }
      return b.build();
    }
    List<ByteRange> ranges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int f = frames.frame(i);
      long len = positions ? index.frameLength(f) : XtcIndex.HEADER;
      if (len > Integer.MAX_VALUE - 8) {
        throw new FormatException(location, "frame " + f, "frame of " + len + " bytes is too large");
      }
      ranges.add(new ByteRange(index.offsets[f], (int) len));
    }
    List<ByteBuffer> data;
    if (n == 1) {
      // one frame: one positional read on this thread into its reused buffer
      ByteRange r = ranges.get(0);
      byte[] bytes = scratch.atLeast(r.length());
      in.readFully(r.offset(), bytes, 0, r.length());
      data = List.of(ByteBuffer.wrap(bytes, 0, r.length()));
    } else {
      data = in.readVectoredBlocking(ranges);
    }
    float[] pos = positions ? b.arrayForAllFrames(Field.POSITION) : null;
    float[] boxes = box ? b.array(Field.BOX) : null;
    int wanted = sel.length == 0 ? 0 : sel[sel.length - 1] + 1;
    boolean leading = sel.length == wanted; // the selection is atoms 0..wanted-1
    float[] selected = positions && !leading ? new float[wanted * 3] : null;
    double[] vectors = new double[9];
    for (int i = 0; i < n; i++) {
      int f = frames.frame(i);
      ByteBuffer fb = data.get(i).slice().order(ByteOrder.BIG_ENDIAN);
      XtcIndex.FrameHeader h = XtcIndex.header(fb, 0, location, f, index.offsets[f]);
      if (h.atoms() != index.atoms) {
        throw new FormatException(location, "frame " + f, "has " + h.atoms() + " atoms, the index says " + index.atoms);
      }
      if (box) {
        for (int k = 0; k < 9; k++) {
          vectors[k] = fb.getFloat(16 + 4 * k);
        }
        float[] abc = BoxGeometry.fromVectors(vectors, 0);
        if (abc[0] != 0f) {
          System.arraycopy(abc, 0, boxes, i * 6, 6);
          b.markPresent(Field.BOX, i);
        }
      }
      if (positions) {
        float[] out = leading ? pos : selected;
        int outOffset = leading ? i * sel.length * 3 : 0;
        decodePositions(fb, f, wanted, out, outOffset);
        if (!leading) {
          int o = i * sel.length * 3;
          for (int a : sel) {
            pos[o++] = selected[a * 3];
            pos[o++] = selected[a * 3 + 1];
            pos[o++] = selected[a * 3 + 2];
          }
        }
      }
    }
    return b.build();
  }

  /** Decodes atoms {@code [0, wanted)} of frame {@code f}, whose bytes are {@code fb}. */
  private void decodePositions(ByteBuffer fb, int f, int wanted, float[] out, int outOffset) throws FormatException {
    int atoms = index.atoms;
    if (atoms <= XtcIndex.MAX_UNCOMPRESSED_ATOMS) {
      if (fb.limit() < XtcIndex.HEADER + 12 * atoms) {
        throw new FormatException(location, "frame " + f, "truncated uncompressed coordinates");
      }
      for (int k = 0; k < 3 * wanted; k++) {
        out[outOffset + k] = fb.getFloat(XtcIndex.HEADER + 4 * k);
      }
      return;
    }
    if (fb.limit() < XtcIndex.COMPRESSED_HEADER) {
      throw new FormatException(location, "frame " + f, "truncated compressed-coordinate header");
    }
    int[] min = {fb.getInt(60), fb.getInt(64), fb.getInt(68)};
    int[] max = {fb.getInt(72), fb.getInt(76), fb.getInt(80)};
    XtcCoordinates.Header h = new XtcCoordinates.Header(fb.getFloat(56), min, max, fb.getInt(84));
    String problem = XtcCoordinates.check(h);
    if (problem != null) {
      throw new FormatException(location, "frame " + f, problem);
    }
    int nbytes = fb.getInt(88);
    if (nbytes < 0 || nbytes > fb.limit() - XtcIndex.COMPRESSED_HEADER) {
      throw new FormatException(location, "frame " + f,
          "compressed size " + nbytes + " does not fit the frame's " + (fb.limit() - XtcIndex.COMPRESSED_HEADER) + " bytes");
    }
    byte[] bytes;
    int off;
    if (fb.hasArray()) {
      bytes = fb.array();
      off = fb.arrayOffset() + XtcIndex.COMPRESSED_HEADER;
    } else {
      // a read-only slice of a larger read: one copy into this thread's buffer
      bytes = scratch.atLeast(nbytes);
      fb.get(XtcIndex.COMPRESSED_HEADER, bytes, 0, nbytes);
      off = 0;
    }
    problem = XtcCoordinates.decode(h, atoms, bytes, off, nbytes, wanted, out, outOffset);
    if (problem != null) {
      throw new FormatException(location, "frame " + f, problem);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
