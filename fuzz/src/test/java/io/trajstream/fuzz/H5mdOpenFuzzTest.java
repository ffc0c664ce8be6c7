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
 * Any bytes as an H5MD file, opened through our reader (jhdf reads the HDF5 metadata, we read and
 * decode the chunks) and read back: a trajectory, or an error naming the file.
 */
class H5mdOpenFuzzTest {
  private static final String KEY = "traj.h5md";
  /** No index lookup (the kerchunk target covers that); decoding on the caller's thread. */
  private static final ReadOptions OPTIONS = ReadOptions.defaults().with("index", "none").with("decode-threads", "1");

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void openH5md(byte[] file) throws IOException {
    MemoryStore store = new MemoryStore("mem://fuzz/");
    store.write(KEY, ByteBuffer.wrap(file));
    String location = store.location(KEY);
    try (TrajectoryReader reader = new H5mdFormat().open(store, KEY, OPTIONS)) {
      ReadBack.exercise(reader);
    } catch (FormatException e) {
      Allowed.formatError(e, location);
    } catch (StoreException e) {
      Allowed.storeError(e, location);
    }
  }
}
