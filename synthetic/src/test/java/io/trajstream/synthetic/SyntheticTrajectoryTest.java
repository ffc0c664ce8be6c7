package io.trajstream.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FrameBlock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The generator is reproducible from its seed, frame by frame, and looks like a chain in solvent. */
class SyntheticTrajectoryTest {
  private static final float EDGE = 40f;

  private static SyntheticTrajectory make(long seed) {
    return SyntheticTrajectory.builder().atoms(400).frames(50).seed(seed).box(EDGE).build();
  }

  @Test
  void sameSeedSameFramesWhateverTheBlocks() {
    SyntheticTrajectory a = make(3);
    float[] whole = a.block(0, 50).positions();
    float[] pieces = new float[whole.length];
    int at = 0;
    for (int start = 0; start < 50; start += 7) {
      float[] p = make(3).block(start, Math.min(50, start + 7)).positions();
      System.arraycopy(p, 0, pieces, at, p.length);
      at += p.length;
    }
    assertArrayEquals(whole, pieces, "a frame does not depend on the block it is produced in");
    assertFalse(Arrays.equals(whole, make(4).block(0, 50).positions()), "another seed, another trajectory");
  }

  @Test
  void chainNeighboursStayCloseAndSolventStaysInTheBox() {
    SyntheticTrajectory t = make(5);
    float[] p = t.block(10, 11).positions();
    double sum = 0;
    for (int i = 1; i < t.chainAtoms(); i++) {
      double dx = p[3 * i] - p[3 * i - 3];
      double dy = p[3 * i + 1] - p[3 * i - 2];
      double dz = p[3 * i + 2] - p[3 * i - 1];
      double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      // at most 1.5 Angstrom at rest, plus each atom's wobble
      assertTrue(d < 3.3, "chain neighbours " + (i - 1) + " and " + i + " are " + d + " Angstrom apart");
      sum += d;
    }
    double mean = sum / (t.chainAtoms() - 1);
    assertTrue(mean > 0.5 && mean < 2.0, "mean neighbour distance " + mean);
    float edge = EDGE;
    for (int i = t.chainAtoms(); i < t.atoms(); i++) {
      for (int d = 0; d < 3; d++) {
        float x = p[3 * i + d];
        assertTrue(x >= 0 && x < edge, "solvent atom " + i + " at " + x + " outside the box edge " + edge);
      }
    }
    assertEquals(400, t.info().atoms());
    assertEquals(50, t.info().frames());
  }
}
