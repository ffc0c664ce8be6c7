package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creating a Azure store asks nothing of the network. The time taken to build the SDK client, first
 * in this JVM and again, is printed, not asserted.
 */
class ClientCreationTimeTest {
  @Test
  void creatingAStoreNeedsNoNetwork() throws Exception {
    // Port 9 on loopback: nothing listens, so any request at creation would fail.
    StoreConfig config = StoreConfig.of(Map.of("azure.endpoint", "http://127.0.0.1:9/devstoreaccount1", "azure.anonymous", "true"));
    for (String when : new String[] {"first in this JVM", "again"}) {
      long t0 = System.nanoTime();
      Store store = new AzureStoreFactory().create(URI.create("az://no-such-container/prefix/"), config);
      long t1 = System.nanoTime();
      try (store) {
        assertEquals("az://no-such-container/prefix/", store.root());
      }
      System.out.printf("Azure store created in %.1f ms (%s)%n", (t1 - t0) / 1e6, when);
    }
  }
}
