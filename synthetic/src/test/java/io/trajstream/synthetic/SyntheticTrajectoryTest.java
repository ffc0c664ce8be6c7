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
  private static SyntheticTrajectory make(long seed) {
    return SyntheticTrajectory.builder().atoms(400).frames(50).seed(seed).build();
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
  void chainNeighboursAreAboutABondApart() {
    SyntheticTrajectory t = make(5);
    FrameBlock b = t.block(10, 11);
    float[] p = b.positions();
    for (int i = 1; i < t.chainAtoms(); i++) {
      double dx = p[3 * i] - p[3 * i - 3];
      double dy = p[3 * i + 1] - p[3 * i - 2];
      double dz = p[3 * i + 2] - p[3 * i - 1];
      double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      assertTrue(d > 0.5 && d < 3.0, "bond " + i + " is " + d + " Angstrom");
    }
    assertEquals(400, t.info().atoms());
    assertEquals(50, t.info().frames());
  }
}
