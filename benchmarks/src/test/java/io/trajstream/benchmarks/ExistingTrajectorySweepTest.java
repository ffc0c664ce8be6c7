package io.trajstream.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.ReadOptions;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only sweep measures every cell, reads what it is asked to, and never writes. */
class ExistingTrajectorySweepTest {
  @TempDir Path scratch;

  @Test
  void measuresEveryCombinationAndWritesNothing() throws Exception {
    DatasetSpec spec = new DatasetSpec("zarrmd", 30, 23, 5, Compression.GZIP, 7);
    MemoryStore memory = new MemoryStore("mem://existing/");
    Dataset d = DatasetWriter.withDefaultPython().write(spec, memory, null, scratch);
    MeteredStore store = new MeteredStore(memory);

    ExistingTrajectorySweep sweep = new ExistingTrajectorySweep(store, d.key(), new ZarrmdFormat(), ReadOptions.defaults());
    assertEquals(23, sweep.info().frames());
    ReadSweepSettings s = new ReadSweepSettings(List.of(1, 2), List.of(1, 3), List.of(PartSize.AUTO, PartSize.NONE),
        12, 1, Duration.ZERO, 0);
    List<ReadSweepPoint> heard = new ArrayList<>();
    List<ReadSweepPoint> points = sweep.run(s, heard::add);

    assertEquals(8, s.cells());
    assertEquals(points, heard);
    assertEquals(8, points.size());
    double checksum = points.get(0).measurement().checksum();
    for (ReadSweepPoint p : points) {
      ReadMeasurement m = p.measurement();
      assertEquals(12, m.frames(), "the first 12 frames: " + p);
      assertEquals(12L * 30 * 12, m.valueBytes());
      assertEquals(3, m.readRequests(), "frames 0-11 lie in 3 chunk objects of 5 frames: " + p);
      assertEquals(checksum, m.checksum(), 1e-6, "same values in every cell");
      assertTrue(m.megabytesPerSecond() > 0);
    }
    assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2), points.stream().map(ReadSweepPoint::threads).toList());
    assertEquals(List.of(1, 1, 3, 3, 1, 1, 3, 3), points.stream().map(ReadSweepPoint::ioThreads).toList());
    assertEquals(0, store.requests(MeteredStore.Operation.PUT));
    assertEquals(0, store.requests(MeteredStore.Operation.DELETE));
  }

  @Test
  void theStoreIsOnlySeenReadOnly() {
    ReadOnlyView view = new ReadOnlyView(new MemoryStore("mem://guarded/"));
    assertTrue(!view.capabilities().writable());
    StoreException e = assertThrows(StoreException.class, () -> view.write("a", ByteBuffer.allocate(1)));
    assertTrue(e.getMessage().contains("does not write"), e.getMessage());
    assertThrows(StoreException.class, () -> view.delete("a"));
  }

  @Test
  void settingsNeedSomethingToMeasure() {
    assertThrows(IllegalArgumentException.class,
        () -> new ReadSweepSettings(List.of(1), List.of(), List.of(PartSize.AUTO), 0, 1, Duration.ZERO, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ReadSweepSettings(List.of(1), List.of(0), List.of(PartSize.AUTO), 0, 1, Duration.ZERO, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ReadSweepSettings(List.of(1), List.of(1), List.of(PartSize.AUTO), -1, 1, Duration.ZERO, 0));
  }
}
