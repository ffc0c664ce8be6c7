package io.trajstream.gcs;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreHostileTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hostile-server matrix ({@link AbstractStoreHostileTest}) for {@code gs://}: the GCS JSON-API
 * test server behind a FaultProxy, read anonymously, so without the client ({@link GcsDirectReads});
 * {@link GcsSdkReadsHostileTest} reads through the client. Limits: {@code gcs.max-attempts} and
 * {@code gcs.read-timeout-ms}.
 */
class GcsHostileTest extends AbstractStoreHostileTest {
  private static final String BUCKET = "hostile-matrix";
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

  /** Whether reads go without the client ({@code gcs.direct-reads}). */
  protected boolean directReads() {
    return true;
  }

  /**
   * Without the client, a ranged body longer than its range is refused (ObjectReads), not cut to
   * the range. Through the client, a ranged answer whose Content-Length disagrees with its
   * Content-Range is refused (CheckedConnection), so a huge Content-Length fails a ranged read too.
   */
  @Override
  protected Outcome outcome(Mode mode, Read read) {
    if (mode == (directReads() ? Mode.ENDLESS_BODY : Mode.HUGE_CONTENT_LENGTH)) {
      return Outcome.ERROR;
    }
    return super.outcome(mode, read);
  }

  @Override
  protected int serverPort() {
    return URI.create(server.endpoint()).getPort();
  }

  @Override
  protected void putObject(String key, byte[] bytes) {
    server.putObject(BUCKET, "m/" + key, bytes);
  }

  @Override
  protected Store openThrough(URI endpoint, Limits limits) throws Exception {
    return GcsTestSupport.open("gs://" + BUCKET + "/m", StoreConfig.of(Map.of(
        GcsOptions.HOST, endpoint.toString(),
        GcsOptions.ANONYMOUS, "true",
        GcsOptions.DIRECT_READS, String.valueOf(directReads()),
        GcsOptions.MAX_ATTEMPTS, String.valueOf(limits.maxAttempts()),
        GcsOptions.READ_TIMEOUT_MS, String.valueOf(limits.readTimeout().toMillis()),
        GcsOptions.RETRY_INITIAL_DELAY_MS, "5",
        GcsOptions.RETRY_MAX_DELAY_MS, "5000", // a Retry-After is honoured up to this cap
        GcsOptions.RETRY_TOTAL_TIMEOUT_MS, "60000")));
  }
}
