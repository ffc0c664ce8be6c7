package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.read.ChunkFetcher;
import io.trajstream.h5md.read.ChunkTask;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.DataKind;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MDAnalysis writes frame by frame, so the chunks of position, velocity and force alternate in the
 * file (72 KB each here, more than the coalescing gap). A read of all three fields is one run of
 * bytes and must go out as a few large requests, not one per chunk.
 */
class FetchOrderTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_interleaved");
  }

  @Test
  void aReadOfInterleavedFieldsCoalescesInFileOrder() throws Exception {
    MeteredStore store = new MeteredStore(new FileStore(dir));
    try (TrajectoryReader r = new H5mdFormat().open(store, "mda_interleaved.h5md",
        ReadOptions.defaults().with("index", "none").with("cache.head", "0"))) {
      store.reset();
      FrameBlock b = r.read(FrameRange.of(0, 30), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.VELOCITY, Field.FORCE));
      long gets = store.requests(MeteredStore.Operation.GET);
      System.out.println("3 fields, 90 chunks of 72 KB: " + store.snapshot() + ", " + store.bytes(MeteredStore.Operation.GET) + " bytes");
      // 6.5 MB in fetch groups of 1, 2, 4 MiB...: a handful of requests (one per chunk before: 80)
      assertTrue(gets <= 5, "GET requests " + gets);
      assertEquals(90L * 72_000, store.bytes(MeteredStore.Operation.GET), "every chunk once, nothing between");
      assertArrayEquals(Interop.values(dir, "mda_interleaved", "position"), b.positions());
      assertArrayEquals(Interop.values(dir, "mda_interleaved", "velocity"), b.values(Field.VELOCITY));
      assertArrayEquals(Interop.values(dir, "mda_interleaved", "force"), b.values(Field.FORCE));
    }
  }

  @Test
  void fileOrderSortsStoredChunksAfterTheRest() {
    var ds = new H5Dataset("d", 1, Map.of(), new long[] {4},
        new DataKind('f', 4, ByteOrder.LITTLE_ENDIAN), new int[] {1}, false, List.of(),
        Map::of);
    List<ChunkTask> tasks = List.of(
        task(ds, ChunkRef.at(300, 4, 0)),
        task(ds, null),
        task(ds, ChunkRef.at(100, 4, 0)),
        task(ds, ChunkRef.inline(new byte[4])),
        task(ds, ChunkRef.at(200, 4, 0)));
    assertArrayEquals(new int[] {1, 3, 2, 4, 0}, ChunkFetcher.fileOrder(tasks));
  }

  private static ChunkTask task(H5Dataset ds, ChunkRef ref) {
    return new ChunkTask(ds, new long[] {0}, new int[] {1}, ref, (t, d) -> { });
  }
}
