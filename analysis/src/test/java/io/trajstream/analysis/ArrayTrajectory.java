package io.trajstream.analysis;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.util.List;
import java.util.Set;

/** A test trajectory held in arrays (positions frames x atoms x 3, a box per frame), with a chunk layout. */
public final class ArrayTrajectory implements TrajectoryReader {
  private final int atoms;
  private final int frames;
  private final float[] positions;
  private final float[] boxes;
  private final TrajectoryInfo info;

  public ArrayTrajectory(int atoms, int frames, float[] positions, float[] boxes, int framesPerChunk, String lengthUnit) {
    this.atoms = atoms;
    this.frames = frames;
    this.positions = positions;
    this.boxes = boxes;
    long[] steps = new long[frames];
    double[] times = new double[frames];
    for (int f = 0; f < frames; f++) {
      steps[f] = f;
      times[f] = 2.0 * f;
    }
    this.info = TrajectoryInfo.builder("arrays", atoms, steps).times(times).timeUnit("ps")
        .field(Field.POSITION, lengthUnit).field(Field.BOX, lengthUnit)
        .boundary(List.of("periodic", "periodic", "periodic"))
        .chunking(Field.POSITION, framesPerChunk, "none").chunking(Field.BOX, framesPerChunk, "none").build();
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange range, AtomSelection selection, Set<Field> fields) {
    range.checkWithin(frames);
    int[] sel = selection.resolve(atoms);
    FrameBlock.Builder b = FrameBlock.builder(range.toArray(), sel);
    for (int i = 0; i < range.size(); i++) {
      int f = range.frame(i);
      b.step(i, f).time(i, 2.0 * f);
      if (fields.contains(Field.POSITION)) {
        float[] a = b.array(Field.POSITION);
        for (int j = 0; j < sel.length; j++) {
          System.arraycopy(positions, (f * atoms + sel[j]) * 3, a, (i * sel.length + j) * 3, 3);
        }
        b.markPresent(Field.POSITION, i);
      }
      if (fields.contains(Field.BOX) && boxes != null) {
        b.set(Field.BOX, i, boxes, f * 6);
      }
    }
    return b.build();
  }

  @Override
  public void close() {}
}
