package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Opening a zarrmd costs a fixed number of requests, however finely the frames are chunked: step
 * and time arrays are kept in few objects, and the consolidated metadata is one read.
 */
class OpenCostTest {
  private static long openRequests(int frames, int chunkFrames) throws IOException {
    MemoryStore mem = new MemoryStore();
    SyntheticTrajectory.builder().atoms(10).frames(frames).build()
        .writeTo(new ZarrmdFormat(), mem, "t.zarrmd", WriteOptions.defaults().with("chunk-frames", Integer.toString(chunkFrames)), 50);
    MeteredStore metered = new MeteredStore(mem);
    try (TrajectoryReader r = new ZarrmdFormat().open(metered, "t.zarrmd", ReadOptions.defaults())) {
      assertEquals(frames, r.info().frames());
    }
    return metered.totalRequests();
  }

  @Test
  void openCostDoesNotGrowWithTheNumberOfChunks() throws IOException {
    long coarse = openRequests(400, 400);
    long fine = openRequests(400, 1);
    long longer = openRequests(4000, 1);
    assertEquals(coarse, fine, "1-frame chunks cost no more requests to open than one chunk");
    assertEquals(fine, longer, "ten times the frames cost no more requests to open");
    assertTrue(fine <= 12, "open took " + fine + " requests");
  }
}
