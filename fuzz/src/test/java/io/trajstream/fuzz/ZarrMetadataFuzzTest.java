package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trajstream.format.FormatException;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Any bytes as the consolidated metadata ({@code .zmetadata}: every {@code .zgroup}, {@code
 * .zarray} and {@code .zattrs}) of a zarrmd store holding zarrtraj's chunks, opened and read back.
 * A trajectory, or an error naming the store.
 */
class ZarrMetadataFuzzTest {
  private static final String ROOT = "mem://fuzz/traj.zarrmd/";
  /** The chunks of zarrtraj's synthetic store, without its metadata. */
  private static final Map<String, byte[]> CHUNKS = Fixtures.tree("fixtures/synthetic.zarrmd");

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void openZarrmd(byte[] zmetadata) throws IOException {
    MemoryStore store = new MemoryStore(ROOT);
    Fixtures.copy(CHUNKS, store);
    store.write(".zmetadata", ByteBuffer.wrap(zmetadata));
    try (TrajectoryReader reader = new ZarrmdFormat().open(store, "", ReadOptions.defaults())) {
      ReadBack.exercise(reader);
    } catch (FormatException e) {
      Allowed.formatError(e, ROOT);
    } catch (StoreException e) {
      Allowed.storeError(e, ROOT);
    }
  }
}
