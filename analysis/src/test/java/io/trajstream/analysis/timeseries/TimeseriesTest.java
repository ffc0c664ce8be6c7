package io.trajstream.analysis.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lazy timeseries fetches chunk-aligned blocks only when touched and returns the trajectory's values. */
class TimeseriesTest {
  private final SyntheticTrajectory traj = SyntheticTrajectory.builder().atoms(30).frames(50).seed(4).build();

  /** Records the ranges read. */
  private static final class Recording implements TrajectoryReader {
    final TrajectoryReader delegate;
    final List<FrameRange> reads = new ArrayList<>();

    Recording(TrajectoryReader delegate) {
      this.delegate = delegate;
    }

    @Override
    public TrajectoryInfo info() {
      return delegate.info();
    }

    @Override
    public synchronized FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
      reads.add(frames);
      return delegate.read(frames, atoms, fields);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  @Test
  void fetchesChunkAlignedBlocksOnDemand() {
    Recording reader = new Recording(traj.reader(8));
    AtomSelection sel = AtomSelection.of(2, 5, 29);
    Timeseries ts = Timeseries.timeseries(reader, sel, Field.POSITION);
    assertArrayEquals(new int[] {50, 3, 3}, ts.shape());
    assertEquals(0, reader.reads.size(), "nothing is read before access");
    FrameBlock truth = traj.block(FrameRange.of(0, 50), sel, EnumSet.of(Field.POSITION));
    assertEquals(truth.positions()[truth.frameOffset(19) + 3 * 1 + 2], ts.get(19, 1, 2));
    assertEquals(List.of(FrameRange.of(16, 24)), reader.reads);
    ts.get(17, 0, 0);
    assertEquals(1, reader.reads.size(), "same block is cached");
    assertArrayEquals(java.util.Arrays.copyOfRange(truth.positions(), truth.frameOffset(49), truth.frameOffset(49) + 9),
        ts.frame(49));
    assertEquals(FrameRange.of(48, 50), reader.reads.get(1));
    float[] atom = ts.atom(2, 0, 50);
    for (int f = 0; f < 50; f++) {
      for (int d = 0; d < 3; d++) {
        assertEquals(truth.positions()[truth.frameOffset(f) + 6 + d], atom[f * 3 + d]);
      }
    }
    for (FrameRange r : reader.reads) {
      assertEquals(0, r.start() % 8, "block " + r + " not aligned");
    }
    assertArrayEquals(java.util.Arrays.copyOfRange(truth.positions(), truth.frameOffset(10), truth.frameOffset(13)),
        ts.slice(10, 13));
  }

  @Test
  void unitsAndErrors() {
    TrajectoryReader inNm = new io.trajstream.analysis.ArrayTrajectory(1, 1, new float[] {1, 2, 3}, null, 1, "nm");
    assertEquals(20f, Timeseries.timeseries(inNm, AtomSelection.all(), Field.POSITION, UnitMode.MD, 2).get(0, 0, 1));
    assertEquals(2f, Timeseries.timeseries(inNm, AtomSelection.all(), Field.POSITION).get(0, 0, 1));
    Timeseries ts = Timeseries.timeseries(traj.reader(5), AtomSelection.all(), Field.VELOCITY);
    assertThrows(IndexOutOfBoundsException.class, () -> ts.get(50, 0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> ts.get(0, 30, 0));
    assertThrows(IllegalArgumentException.class, () -> Timeseries.timeseries(traj.reader(5), AtomSelection.all(), Field.BOX));
  }
}
