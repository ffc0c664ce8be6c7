package io.trajstream.analysis.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import org.junit.jupiter.api.Test;

/** Selections that need no topology, and the errors of bad selection strings. */
class SelectionTest {
  @Test
  void indexAndBynumWithoutTopology() {
    assertArrayEquals(new int[] {0, 1, 2, 3}, Selection.parse("index 0:3").indices(10));
    assertArrayEquals(new int[] {3, 7, 9}, Selection.parse("index 3 7 9").indices(10));
    assertArrayEquals(new int[] {0, 1, 2}, Selection.parse("bynum 1:3").indices(10));
    assertArrayEquals(new int[] {8, 9}, Selection.parse("index 8:20").indices(10));
    assertArrayEquals(new int[] {0, 1, 5}, Selection.parse("index 0 1 or (bynum 6)").indices(10));
    assertArrayEquals(new int[] {4, 5, 6}, Selection.parse("all and not index 0:3 and not index 7:9").indices(10));
    assertEquals(10, Selection.parse("all").indices(10).length);
    assertFalse(Selection.parse("index 1 to 4").needsTopology());
    assertTrue(Selection.parse("index 1 and name CA").needsTopology());
  }

  @Test
  void toAtomSelectionCollapsesToAll() {
    assertTrue(Selection.parse("index 0:9").toAtomSelection(10, null).isAll());
    assertEquals(AtomSelection.of(2, 4), Selection.parse("index 2 4").toAtomSelection(10, null));
  }

  @Test
  void ofIndicesRoundTrips() {
    int[] idx = {0, 1, 2, 5, 7, 8, 20};
    String s = Selection.ofIndices(idx);
    assertEquals("index 0:2 5 7:8 20", s);
    assertArrayEquals(idx, Selection.parse(s).indices(30));
  }

  @Test
  void badSelectionsNameTheProblem() {
    assertThrows(SelectionException.class, () -> Selection.parse(""));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("index")).getMessage().contains("needs at least one value"));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("index 1:x")).getMessage().contains("1:x"));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("(index 1")).getMessage().contains("')'"));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("around 5 name CA")).getMessage().contains("not supported"));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("name CA").indices(10)).getMessage().contains("topology"));
    assertTrue(assertThrows(SelectionException.class, () -> Selection.parse("frobnicate")).getMessage().contains("frobnicate"));
  }
}
