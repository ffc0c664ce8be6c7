package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.MemoryStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A write that stops before it commits (a crash, an abort) leaves a store that readers report as
 * incomplete in one line, never a mix of old and new; writing it again completes it, and a
 * trajectory that replaces another keeps nothing of the earlier one's metadata.
 */
class IncompleteStoreTest {
  private static final ZarrmdFormat FORMAT = new ZarrmdFormat();
  private static final Set<Field> ALL = EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX);
  private final SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(20).frames(30).seed(5).fields(ALL).build();
  private final SyntheticTrajectory other = SyntheticTrajectory.builder().atoms(20).frames(30).seed(6).fields(ALL).build();

  private static WriteOptions chunks() {
    return WriteOptions.defaults().with("chunk-frames", "4");
  }

  private static void assertIncomplete(MemoryStore store, String key) {
    FormatException e = assertThrows(FormatException.class, () -> FORMAT.open(store, key, ReadOptions.defaults()).close());
    assertTrue(e.getMessage().contains("incomplete store") && e.getMessage().contains("rerun convert"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  private static void assertHolds(MemoryStore store, String key, SyntheticTrajectory expected, Set<Field> fields) throws IOException {
    try (TrajectoryReader r = FORMAT.open(store, key, ReadOptions.defaults())) {
      assertEquals(fields, r.info().fields());
      assertEquals(expected.frames(), r.info().frames());
      FrameBlock b = r.read(FrameRange.of(0, expected.frames()), AtomSelection.all(), fields);
      FrameBlock e = expected.block(0, expected.frames());
      assertArrayEquals(e.positions(), b.positions());
      if (fields.contains(Field.VELOCITY)) {
        assertArrayEquals(e.values(Field.VELOCITY), b.values(Field.VELOCITY));
      }
    }
  }

  @Test
  void abortedWriteIsIncompleteAndWritingAgainCompletesIt() throws IOException {
    MemoryStore store = new MemoryStore();
    TrajectoryWriter w = FORMAT.create(store, "t.zarrmd", syn.info(), chunks());
    w.append(syn.block(0, 17));
    w.abort();
    assertIncomplete(store, "t.zarrmd");
    syn.writeTo(FORMAT, store, "t.zarrmd", chunks(), 7);
    assertHolds(store, "t.zarrmd", syn, ALL);
    assertFalse(store.exists("t.zarrmd/" + ZarrmdWriter.INCOMPLETE_MARKER), "the marker goes once the trajectory is complete");
  }

  @Test
  void replacingATrajectoryHidesItBeforeTheFirstNewChunk() throws IOException {
    MemoryStore store = new MemoryStore();
    syn.writeTo(FORMAT, store, "t.zarrmd", chunks(), 10);
    TrajectoryWriter w = FORMAT.create(store, "t.zarrmd", other.info(), chunks());
    // The new chunks replace the old ones under the same keys: the old metadata must be gone.
    w.append(other.block(0, 9));
    w.abort();
    assertIncomplete(store, "t.zarrmd");
    other.writeTo(FORMAT, store, "t.zarrmd", chunks(), 10);
    assertHolds(store, "t.zarrmd", other, ALL);
  }

  @Test
  void replacingWithFewerFieldsKeepsNoneOfTheEarlierArrays() throws IOException {
    MemoryStore store = new MemoryStore();
    syn.writeTo(FORMAT, store, "t.zarrmd", chunks(), 10);
    other.writeTo(FORMAT, store, "t.zarrmd", chunks().with("fields", "position"), 10);
    // Before, the earlier velocity and box arrays were consolidated beside the new positions.
    assertHolds(store, "t.zarrmd", other, EnumSet.of(Field.POSITION));
  }
}
