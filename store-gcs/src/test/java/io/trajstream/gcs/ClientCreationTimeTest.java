package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creating a GCS store asks nothing of the network. The time taken to build the SDK client, first
 * in this JVM and again, is printed, not asserted.
 */
class ClientCreationTimeTest {
  @Test
  void creatingAStoreNeedsNoNetwork() throws Exception {
    // Port 9 on loopback: nothing listens, so any request at creation would fail.
    StoreConfig config = StoreConfig.of(Map.of("gcs.host", "http://127.0.0.1:9", "gcs.anonymous", "true"));
    for (String when : new String[] {"first in this JVM", "again"}) {
      long t0 = System.nanoTime();
      Store store = new GcsStoreFactory().create(URI.create("gs://no-such-bucket/prefix/"), config);
      long t1 = System.nanoTime();
      try (store) {
        assertEquals("gs://no-such-bucket/prefix/", store.root());
      }
      System.out.printf("GCS store created in %.1f ms (%s)%n", (t1 - t0) / 1e6, when);
    }
  }
}
