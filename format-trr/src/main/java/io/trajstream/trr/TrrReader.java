package io.trajstream.trr;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a TRR file through its frame index. Frames may hold different blocks (e.g. velocities every
 * tenth frame): a field a frame lacks is absent there. A read fetches, per frame and field, only
 * the span of atoms selected, in one vectored request. Thread-safe and positional.
 */
final class TrrReader implements TrajectoryReader {
  static final String LAMBDA = "lambda";

  private final StoreInput in;
  private final String location;
  private final TrrIndex index;
  private final TrajectoryInfo info;
  private final ObservableInfo lambdaInfo;

  TrrReader(StoreInput in, String location, TrrIndex index) {
    this.in = in;
    this.location = location;
    this.index = index;
    int n = index.frames();
    long[] steps = new long[n];
    double[] times = new double[n];
    EnumSet<Field> present = EnumSet.noneOf(Field.class);
    boolean dbl = false;
    for (int f = 0; f < n; f++) {
      TrrHeader h = index.headers[f];
      steps[f] = h.step();
      times[f] = h.time();
      dbl |= h.real() == 8;
      if (h.xSize() > 0) {
        present.add(Field.POSITION);
      }
      if (h.vSize() > 0) {
        present.add(Field.VELOCITY);
      }
      if (h.fSize() > 0) {
        present.add(Field.FORCE);
      }
      if (h.boxSize() > 0) {
        present.add(Field.BOX);
      }
    }
    boolean box = present.contains(Field.BOX);
    String p = box ? "periodic" : "none";
    lambdaInfo = new ObservableInfo(LAMBDA, new int[0], null, true, n, false, "ps");
    TrajectoryInfo.Builder b = TrajectoryInfo.builder(TrrFormat.NAME, index.atoms, StepSeries.of(steps))
        .location(location)
        .timeSeries(TimeSeries.of(times))
        .timeUnit("ps")
        .particleGroup("all")
        .boundary(List.of(p, p, p))
        .observable(lambdaInfo)
        .attribute("trr.precision", dbl ? "double" : "single");
    for (Field f : present) {
      b.field(f, unitOf(f)).chunking(f, 1, "none");
    }
    this.info = b.build();
  }

  private static String unitOf(Field f) {
    return switch (f) {
      case POSITION, BOX -> "nm";
      case VELOCITY -> "nm ps-1";
      case FORCE -> "kJ mol-1 nm-1";
    };
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public long storageChunk(Field field, int frame) {
    if (frame < 0 || frame >= index.frames() || !info.has(field)) {
      return -1;
    }
    TrrHeader h = index.headers[frame];
    int size = switch (field) {
      case POSITION -> h.xSize();
      case VELOCITY -> h.vSize();
      case FORCE -> h.fSize();
      case BOX -> h.boxSize();
    };
    return size > 0 ? frame : -1;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    frames.checkWithin(index.frames());
    int[] sel = atoms.resolve(index.atoms);
    int n = frames.size();
    FrameBlock.Builder b = FrameBlock.builder(frames.toArray(), sel);
    for (int i = 0; i < n; i++) {
      int f = frames.frame(i);
      b.step(i, index.headers[f].step()).time(i, index.headers[f].time());
    }
    List<Field> wanted = new ArrayList<>();
    for (Field f : Field.values()) {
      if (fields.contains(f) && info.has(f) && (f == Field.BOX || sel.length > 0)) {
        wanted.add(f);
        b.declare(f);
      }
    }
    int lo = sel.length == 0 ? 0 : sel[0];
    int hi = sel.length == 0 ? -1 : sel[sel.length - 1];
    List<ByteRange> ranges = new ArrayList<>();
    List<int[]> what = new ArrayList<>(); // {block frame index, field ordinal}
    for (int i = 0; i < n; i++) {
      int f = frames.frame(i);
      TrrHeader h = index.headers[f];
      long base = index.offsets[f];
      for (Field field : wanted) {
        long at;
        long len;
        switch (field) {
          case BOX -> {
            if (h.boxSize() == 0) {
              continue;
            }
            at = base + h.boxOffset();
            len = 9L * h.real();
          }
          default -> {
            int size = field == Field.POSITION ? h.xSize() : field == Field.VELOCITY ? h.vSize() : h.fSize();
            if (size == 0) {
              continue;
            }
            long blockStart = field == Field.POSITION ? h.xOffset() : field == Field.VELOCITY ? h.vOffset() : h.fOffset();
            at = base + blockStart + 3L * lo * h.real();
            len = 3L * (hi - lo + 1) * h.real();
          }
        }
        if (len > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException(location + ": frame " + f + ": " + len
              + " bytes of " + field.key() + " in one read; select fewer atoms per read");
        }
        ranges.add(new ByteRange(at, (int) len));
        what.add(new int[] {i, field.ordinal()});
      }
    }
    if (ranges.isEmpty()) {
      return b.build();
    }
    List<ByteBuffer> data = in.readVectoredBlocking(ranges);
    double[] vectors = new double[9];
    for (int r = 0; r < ranges.size(); r++) {
      int i = what.get(r)[0];
      Field field = Field.values()[what.get(r)[1]];
      int real = index.headers[frames.frame(i)].real();
      ByteBuffer buf = data.get(r).slice().order(ByteOrder.BIG_ENDIAN);
      if (field == Field.BOX) {
        for (int k = 0; k < 9; k++) {
          vectors[k] = real == 4 ? buf.getFloat(4 * k) : buf.getDouble(8 * k);
        }
        float[] abc = BoxGeometry.fromVectors(vectors, 0);
        if (abc[0] != 0f) {
          System.arraycopy(abc, 0, b.array(Field.BOX), i * 6, 6);
          b.markPresent(Field.BOX, i);
        }
        continue;
      }
      float[] out = b.array(field);
      int o = i * sel.length * 3;
      if (real == 4 && sel.length == hi - lo + 1) {
        buf.asFloatBuffer().get(out, o, sel.length * 3);
      } else {
        for (int a : sel) {
          int at = (a - lo) * 3 * real;
          for (int d = 0; d < 3; d++) {
            out[o++] = real == 4 ? buf.getFloat(at + 4 * d) : (float) buf.getDouble(at + 8 * d);
          }
        }
      }
      b.markPresent(field, i);
    }
    return b.build();
  }

  @Override
  public ObservableBlock observable(String path, FrameRange frames) {
    requireLambda(path);
    frames.checkWithin(index.frames());
    double[] v = new double[frames.size()];
    boolean[] present = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = index.headers[frames.frame(i)].lambda();
      present[i] = true;
    }
    return ObservableBlock.of(lambdaInfo, frames.toArray(), v, present);
  }

  @Override
  public ObservableSeries observableSamples(String path, int from, int to) {
    requireLambda(path);
    FrameRange.of(from, to).checkWithin(index.frames());
    long[] steps = new long[to - from];
    double[] times = new double[to - from];
    double[] v = new double[to - from];
    for (int f = from; f < to; f++) {
      TrrHeader h = index.headers[f];
      steps[f - from] = h.step();
      times[f - from] = h.time();
      v[f - from] = h.lambda();
    }
    return new ObservableSeries(lambdaInfo, from, steps, times, v);
  }

  private void requireLambda(String path) {
    if (!LAMBDA.equals(path)) {
      throw new IllegalArgumentException(location + ": no observable '" + path + "' (a TRR file has "
          + Arrays.asList(LAMBDA) + ")");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
