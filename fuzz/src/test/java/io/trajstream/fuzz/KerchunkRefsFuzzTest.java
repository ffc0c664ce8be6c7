package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trajstream.format.FormatException;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Any bytes as the kerchunk reference file beside a real H5MD file: the reader opens through the
 * index (no HDF5 metadata is read) and reads back what it describes. A trajectory, or an error
 * naming the index or the file.
 */
class KerchunkRefsFuzzTest {
  private static final String KEY = "traj.h5md";
  /** A 5-atom trajectory, chunked with deflate, shuffle and fletcher32, that the seeds index. */
  private static final byte[] FILE = Fixtures.bytes("fixtures/traj.h5md");
  private static final ReadOptions OPTIONS = ReadOptions.defaults().with("decode-threads", "1");

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void openWithIndex(byte[] refs) throws IOException {
    MemoryStore store = new MemoryStore("mem://fuzz/");
    store.write(KEY, ByteBuffer.wrap(FILE));
    store.write(KEY + H5mdFormat.INDEX_SUFFIX, ByteBuffer.wrap(refs));
    String file = store.location(KEY);
    try (TrajectoryReader reader = new H5mdFormat().open(store, KEY, OPTIONS)) {
      ReadBack.exercise(reader);
    } catch (FormatException e) {
      // the index's location starts with the file's
      Allowed.formatError(e, file);
    } catch (StoreException e) {
      Allowed.storeError(e, file);
    }
  }
}
