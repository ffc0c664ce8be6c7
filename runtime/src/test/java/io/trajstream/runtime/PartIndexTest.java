package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** {@link PartIndex}: concatenation, and joining by time as MDAnalysis's ChainReader does. */
class PartIndexTest {
  private static List<IntToDoubleFunction> times(double[]... t0AndDt) {
    List<IntToDoubleFunction> out = new ArrayList<>();
    for (double[] p : t0AndDt) {
      out.add(f -> p[0] + f * p[1]);
    }
    return out;
  }

  private static int[][] segments(PartIndex x) {
    return x.segments().stream().map(s -> new int[] {s.part(), s.from(), s.to(), s.chainStart()}).toArray(int[][]::new);
  }

  @Test
  void concatenationKeepsEveryFrameInOrder() {
    PartIndex x = PartIndex.concatenated(new int[] {3, 0, 4});
    assertEquals(7, x.frames());
    assertArrayEquals(new int[][] {{0, 0, 3, 0}, {2, 0, 4, 3}}, segments(x));
    assertEquals(0, x.segmentOf(2));
    assertEquals(1, x.segmentOf(3));
    assertThrows(IndexOutOfBoundsException.class, () -> x.segmentOf(7));
  }

  @Test
  void aRestartCutsTheEarlierPartBeforeTheLaterPartsFirstTime() {
    // a: t 0..12, b restarts at 8: a keeps t 0, 2, 4, 6
    PartIndex x = PartIndex.continuous(new int[] {7, 6}, times(new double[] {0, 2}, new double[] {8, 2}), List.of("a", "b"));
    assertArrayEquals(new int[][] {{0, 0, 4, 0}, {1, 0, 6, 4}}, segments(x));
  }

  @Test
  void partsAreOrderedByTimeAndASameStartGivesWayToTheLaterPart() {
    // given out of order; b and c start together, c (later in the list) wins
    PartIndex x = PartIndex.continuous(new int[] {5, 5, 3, 4},
        times(new double[] {10, 1}, new double[] {0, 1}, new double[] {0, 1}, new double[] {12, 1}),
        List.of("a", "b", "c", "d"));
    // c: t 0..2 (all < 10), a: t 10, 11 (< 12), d whole
    assertArrayEquals(new int[][] {{2, 0, 3, 0}, {0, 0, 2, 3}, {3, 0, 4, 5}}, segments(x));
    assertEquals(9, x.frames());
  }

  @Test
  void aPartWithoutTimeCannotBeJoinedByTime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartIndex.continuous(
        new int[] {2, 2}, List.of(f -> f, f -> Double.NaN), List.of("a.h5md", "b.xyz")));
    assertTrue(e.getMessage().contains("b.xyz"), e.getMessage());
  }
}
