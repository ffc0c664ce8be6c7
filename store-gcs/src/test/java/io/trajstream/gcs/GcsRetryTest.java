package io.trajstream.gcs;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreRetryTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The retry rule ({@link AbstractStoreRetryTest}) for {@code gs://}, counted through a FaultProxy in
 * front of the GCS JSON-API test server: the client's strategy narrowed by {@link GcsRetries}.
 */
class GcsRetryTest extends AbstractStoreRetryTest {
  private static final String BUCKET = "retry-rule";
  private static GcsTestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = GcsTestServer.start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected int serverPort() {
    return URI.create(server.endpoint()).getPort();
  }

  @Override
  protected Store openThrough(URI endpoint, int maxAttempts) throws Exception {
    return GcsTestSupport.open("gs://" + BUCKET + "/r", StoreConfig.of(Map.of(
        GcsOptions.HOST, endpoint.toString(),
        GcsOptions.ANONYMOUS, "true",
        GcsOptions.MAX_ATTEMPTS, String.valueOf(maxAttempts),
        GcsOptions.RETRY_INITIAL_DELAY_MS, "5",
        GcsOptions.RETRY_MAX_DELAY_MS, "50",
        GcsOptions.RETRY_TOTAL_TIMEOUT_MS, "60000")));
  }

  @Override
  protected String errorBody(int status) {
    return "{\"error\":{\"code\":" + status + ",\"message\":\"injected\",\"errors\":[{\"message\":\"injected\","
        + "\"reason\":\"injected\"}]}}";
  }

  @Override
  protected String errorContentType() {
    return "application/json";
  }
}
