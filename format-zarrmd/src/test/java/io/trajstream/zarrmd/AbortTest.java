package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.MemoryStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A failed write never publishes frames: abort leaves the store as readers saw it before. */
class AbortTest {
  private static final ZarrmdFormat FORMAT = new ZarrmdFormat();
  private final SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(20).frames(30).seed(5).build();

  /** A source whose reads fail after {@code goodFrames} frames, as a broken network would. */
  private TrajectoryReader failingAfter(int goodFrames) {
    TrajectoryReader inner = syn.reader(5);
    return new TrajectoryReader() {
      @Override
      public TrajectoryInfo info() {
        return inner.info();
      }

      @Override
      public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
        if (frames.last() >= goodFrames) {
          throw new IOException("source went away at frame " + frames.last());
        }
        return inner.read(frames, atoms, fields);
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void failedConversionPublishesNothing() throws IOException {
    MemoryStore store = new MemoryStore();
    IOException e = assertThrows(IOException.class,
        () -> new TrajectoryCopier(0, null).convert(failingAfter(12), store, "out.zarrmd",
            WriteOptions.defaults().with("chunk-frames", "5")));
    assertTrue(e.getMessage().contains("went away"), e.getMessage());
    assertTrue(FORMAT.probe(store, "out.zarrmd").isEmpty(), "no trajectory is visible after a failed conversion");
  }

  @Test
  void failedAppendKeepsTheEarlierFrames() throws IOException {
    MemoryStore store = new MemoryStore();
    try (TrajectoryWriter w = FORMAT.create(store, "t.zarrmd", syn.info(), WriteOptions.defaults().with("chunk-frames", "4"))) {
      w.append(syn.block(0, 10));
    }
    TrajectoryWriter w = FORMAT.create(store, "t.zarrmd", syn.info(),
        WriteOptions.defaults().with("chunk-frames", "4").with("append", "true"));
    w.append(syn.block(10, 17));
    w.abort();
    w.close();
    try (TrajectoryReader r = FORMAT.open(store, "t.zarrmd", ReadOptions.defaults())) {
      assertEquals(10, r.info().frames());
      FrameBlock b = r.read(FrameRange.of(0, 10), AtomSelection.all(), EnumSet.of(Field.POSITION));
      float[] expected = syn.block(0, 10).positions();
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], b.positions()[i], 0f, "position " + i);
      }
    }
  }
}
