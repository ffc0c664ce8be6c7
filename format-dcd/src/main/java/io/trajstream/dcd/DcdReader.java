package io.trajstream.dcd;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a DCD file: frames have a fixed size, so a read computes where each frame's unit cell and
 * the span of selected atoms in its X, Y and Z records lie and fetches those ranges in one vectored
 * request. Thread-safe and positional.
 */
final class DcdReader implements TrajectoryReader {
  /**
   * One AKMA time unit in ps (4.888821e-2), computed as MDAnalysis computes its conversion factor
   * (ps per ps over AKMA per ps), so that times agree to the last bit.
   */
  static final double AKMA_PS = 1.0 / (1.0 / 4.888821e-2);

  private final StoreInput in;
  private final String location;
  private final DcdLayout layout;
  private final int frames;
  private final TrajectoryInfo info;

  DcdReader(StoreInput in, String location, DcdLayout layout, long length) throws IOException {
    this.in = in;
    this.location = location;
    this.layout = layout;
    this.frames = layout.frames(length);
    if (frames > 0) {
      checkFrameRecords(0);
      checkFrameRecords(frames - 1);
    }
    // time of frame f: (f * NSAVC + ISTART) * DELTA, DELTA in AKMA units, as MDAnalysis computes it
    int nsavc = layout.nsavc();
    double dtPs = layout.delta() * AKMA_PS * Math.max(1, nsavc);
    double firstPs = nsavc > 0 ? ((double) layout.istart() / nsavc) * dtPs : 0.0;
    StepSeries steps = nsavc > 0 ? StepSeries.fixed(layout.istart(), nsavc, frames) : StepSeries.fixed(0, 1, frames);
    String p = layout.unitCell() ? "periodic" : "none";
    TrajectoryInfo.Builder b = TrajectoryInfo.builder(DcdFormat.NAME, layout.atoms(), steps)
        .location(location)
        .timeSeries(TimeSeries.fixed(firstPs, dtPs, frames))
        .timeUnit("ps")
        .particleGroup("all")
        .boundary(List.of(p, p, p))
        .field(Field.POSITION, "Angstrom")
        .chunking(Field.POSITION, 1, "none")
        .attribute("dcd.byte-order", layout.order().toString().toLowerCase(java.util.Locale.ROOT))
        .attribute("dcd.record-marker-bytes", Integer.toString(layout.markerBytes()))
        .attribute("dcd.charmm", Boolean.toString(layout.charmm()))
        .attribute("dcd.istart", Integer.toString(layout.istart()))
        .attribute("dcd.nsavc", Integer.toString(nsavc))
        .attribute("dcd.delta-akma", Double.toString(layout.delta()))
        .attribute("dcd.frames-in-header", Integer.toString(layout.framesDeclared()));
    if (!layout.title().isEmpty()) {
      b.attribute("dcd.title", layout.title());
    }
    if (layout.unitCell()) {
      b.field(Field.BOX, "Angstrom").chunking(Field.BOX, 1, "none");
    }
    this.info = b.build();
  }

  /** Checks the record markers of frame {@code f}: a file whose frames are not where the header says fails at open. */
  private void checkFrameRecords(int f) throws IOException {
    DcdLayout.Records r = new DcdLayout.Records(in, location, layout.order(), layout.markerBytes(), in.length());
    long pos = frameStart(f);
    String what = "frame " + f;
    if (layout.unitCell()) {
      r.record(pos, DcdLayout.CELL_BYTES, what + " unit cell");
      pos += 2L * layout.markerBytes() + DcdLayout.CELL_BYTES;
    }
    long axis = 2L * layout.markerBytes() + 4L * layout.atoms();
    for (int k = 0; k < 3; k++) {
      long len = r.marker(pos);
      long end = r.marker(pos + layout.markerBytes() + 4L * layout.atoms());
      if (len != 4L * layout.atoms() || end != len) {
        throw new FormatException(location, what, "coordinate record " + "XYZ".charAt(k) + " at byte " + pos
            + " is framed by lengths " + len + " and " + end + ", expected " + 4L * layout.atoms());
      }
      pos += axis;
    }
  }

  private long frameStart(int f) {
    return layout.headerBytes() + f * layout.frameBytes();
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange range, AtomSelection atoms, Set<Field> fields) throws IOException {
    range.checkWithin(frames);
    int[] sel = atoms.resolve(layout.atoms());
    int n = range.size();
    FrameBlock.Builder b = FrameBlock.builder(range.toArray(), sel);
    for (int i = 0; i < n; i++) {
      int f = range.frame(i);
      b.step(i, info.step(f)).time(i, info.time(f));
    }
    boolean positions = fields.contains(Field.POSITION) && sel.length > 0;
    boolean box = fields.contains(Field.BOX) && layout.unitCell();
    if (fields.contains(Field.POSITION)) {
      b.declare(Field.POSITION);
    }
    if (box) {
      b.declare(Field.BOX);
    }
    if (n == 0 || (!positions && !box)) {
      return b.build();
    }
    int lo = positions ? sel[0] : 0;
    int span = positions ? sel[sel.length - 1] - lo + 1 : 0;
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = frameStart(range.frame(i));
      if (box) {
        ranges.add(new ByteRange(start + layout.markerBytes(), DcdLayout.CELL_BYTES));
      }
      if (positions) {
        for (int k = 0; k < 3; k++) {
          ranges.add(new ByteRange(start + layout.axisOffset(k) + 4L * lo, 4 * span));
        }
      }
    }
    List<ByteBuffer> data = in.readVectoredBlocking(ranges);
    int r = 0;
    float[] pos = positions ? b.arrayForAllFrames(Field.POSITION) : null;
    double[] cell = new double[6];
    for (int i = 0; i < n; i++) {
      if (box) {
        ByteBuffer c = data.get(r++).slice().order(layout.order());
        for (int k = 0; k < 6; k++) {
          cell[k] = c.getDouble(8 * k);
        }
        float[] abc = unitCell(cell);
        if (abc[0] != 0f || abc[1] != 0f || abc[2] != 0f) {
          System.arraycopy(abc, 0, b.array(Field.BOX), i * 6, 6);
          b.markPresent(Field.BOX, i);
        }
      }
      if (positions) {
        int o = i * sel.length * 3;
        for (int k = 0; k < 3; k++) {
          ByteBuffer axis = data.get(r++).slice().order(layout.order());
          for (int a = 0; a < sel.length; a++) {
            pos[o + 3 * a + k] = axis.getFloat(4 * (sel[a] - lo));
          }
        }
      }
    }
    return b.build();
  }

  /**
   * The unit cell record {@code [A, gamma, B, beta, alpha, C]} as (a, b, c, alpha, beta, gamma),
   * with MDAnalysis's reading of the angles: cosines when all three lie in [-1, 1] (CHARMM, NAMD
   * after 2.5), box vectors when a value is negative or an angle exceeds 180 (recent CHARMM),
   * else degrees.
   */
  static float[] unitCell(double[] u) {
    double[] uc = {u[0], u[2], u[5], u[4], u[3], u[1]};
    boolean cosines = true;
    for (int k = 3; k < 6; k++) {
      cosines &= uc[k] >= -1.0 && uc[k] <= 1.0;
    }
    if (cosines) {
      for (int k = 3; k < 6; k++) {
        uc[k] = 90.0 - Math.asin(uc[k]) * 90.0 / (Math.PI / 2);
      }
    } else {
      boolean vectors = false;
      for (int k = 0; k < 6; k++) {
        vectors |= uc[k] < 0 || (k >= 3 && uc[k] > 180);
      }
      if (vectors) {
        double[] m = {u[0], u[1], u[3], u[1], u[2], u[4], u[3], u[4], u[5]};
        return BoxGeometry.fromVectors(m, 0);
      }
    }
    float[] out = new float[6];
    for (int k = 0; k < 6; k++) {
      out[k] = (float) uc[k];
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
