package io.trajstream.h5md.bench;

import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.h5md.KerchunkIndexWriter;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints the requests and bytes of opening an H5MD file without and with an index, over a store
 * with a 20 ms round trip. usage: OpenCost FILE (writes FILE.refs.json beside it). Not a test.
 */
public final class OpenCost {
  private OpenCost() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    FileStore fs = new FileStore(file.getParent());
    String key = file.getFileName().toString();
    new KerchunkIndexWriter().writeBeside(fs, key, file.toUri().toString());
    for (String index : new String[] {"none", key + H5mdFormat.INDEX_SUFFIX}) {
      MeteredStore m = new MeteredStore(new LatencyStore(fs, Duration.ofMillis(10), 0));
      long t0 = System.nanoTime();
      try (TrajectoryReader r = new H5mdFormat().open(m, key, ReadOptions.defaults().with("index", index))) {
        System.out.printf("index=%s: %d frames, %d requests %s, %d bytes read, %.0f ms%n", index, r.info().frames(),
            m.totalRequests(), m.snapshot(), m.bytes(MeteredStore.Operation.GET), (System.nanoTime() - t0) / 1e6);
      }
    }
  }
}
