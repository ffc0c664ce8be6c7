package io.trajstream.analysis.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.ArrayTrajectory;
import io.trajstream.analysis.engine.EngineContext;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.FrameRange;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** For large groups the RDF uses a cell list; it must count exactly the pairs the all-pairs loop counts. */
class RdfCellListTest {
  @Test
  void cellListCountsEqualAllPairsInCubicAndTriclinicBoxes() throws Exception {
    check(new float[] {40f, 40f, 40f, 90f, 90f, 90f}, 9.0);
    check(new float[] {60f, 64f, 57f, 70f, 80f, 60f}, 8.0);
    check(new float[] {30f, 31f, 29f, 90f, 90f, 90f}, 9.6);
  }

  private static void check(float[] box, double cutoff) throws Exception {
    int atoms = 1500;
    double[] m = BoxGeometry.toVectors(box, 0);
    SplittableRandom rnd = new SplittableRandom(3);
    float[] pos = new float[atoms * 3];
    for (int a = 0; a < atoms; a++) {
      double u = rnd.nextDouble(-0.3, 1.3), v = rnd.nextDouble(-0.3, 1.3), w = rnd.nextDouble(-0.3, 1.3);
      pos[3 * a] = (float) (u * m[0] + v * m[3] + w * m[6]);
      pos[3 * a + 1] = (float) (v * m[4] + w * m[7]);
      pos[3 * a + 2] = (float) (w * m[8]);
    }
    ArrayTrajectory t = new ArrayTrajectory(atoms, 1, pos, box.clone(), 1, "Angstrom");
    Rdf rdf = new Rdf(40, 0, cutoff, "index 0:499", "index 300:1499");
    EngineContext ctx = new EngineContext(t, AtomSelection.all(), null, UnitMode.NATIVE, rdf.fields());
    long[] grid = rdf.accumulate(rdf.newAccumulator(ctx), t.read(FrameRange.of(0, 1), AtomSelection.all(), rdf.fields()), ctx)
        .counts();
    assertTrue(CellGrid.create(box, pos, 0, new int[] {0}, cutoff) != null, "the grid path is taken for " + java.util.Arrays.toString(box));
    // all pairs, the slow way
    PeriodicBox pbc = new PeriodicBox(box);
    Histogram h = new Histogram(0, cutoff, 40);
    long[] all = new long[40];
    for (int i = 0; i < 500; i++) {
      for (int j = 300; j < 1500; j++) {
        double d2 = pbc.distanceSquared(pos[3 * j] - (double) pos[3 * i], pos[3 * j + 1] - (double) pos[3 * i + 1],
            pos[3 * j + 2] - (double) pos[3 * i + 2]);
        if (d2 <= cutoff * cutoff) {
          int b = h.bin(Math.sqrt(d2));
          if (b >= 0) {
            all[b]++;
          }
        }
      }
    }
    assertArrayEquals(all, grid, "box " + java.util.Arrays.toString(box));
  }
}
