package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.AbstractStoreContractTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The full store contract against the GCS test server, through a {@code gs://} URL in anonymous
 * mode. The server refuses any request carrying an {@code Authorization} header, and after each
 * test we check that none arrived and that every request was one the server implements.
 */
class GcsStoreContractTest extends AbstractStoreContractTest {
  private static GcsTestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("contract");
    server.rejectAuthorization(true);
    server.maxPageSize(3); // listings in these tests span several pages
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected Store createStore() throws Exception {
    Map<String, String> options = new HashMap<>(GcsTestSupport.settings(server));
    options.putAll(extraOptions());
    return GcsTestSupport.open("gs://contract/root", StoreConfig.of(options));
  }

  /** Options added to the test server's (none: reads go without the client, as by default). */
  protected Map<String, String> extraOptions() {
    return Map.of();
  }

  @AfterEach
  void everyRequestWasAnonymousAndKnown() {
    assertFalse(server.requests().isEmpty());
    for (GcsTestServer.Request r : server.requests()) {
      assertEquals(null, r.header("Authorization"), "anonymous mode sent credentials: " + r.method() + " " + r.path());
      assertTrue(r.status() != 501 && r.status() != 400, "server did not understand " + r);
    }
    server.clearRequests();
  }
}
