package io.trajstream.gcs;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreFaultTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault matrix ({@link AbstractStoreFaultTest}) for {@code gs://} through a FaultProxy in front
 * of the GCS JSON-API test server, with GCS's JSON error bodies. Stores read anonymously; the
 * server refuses any request that carries credentials, so a store with a bearer token stands for
 * invalid credentials. The read timeout is {@code gcs.read-timeout-ms}.
 */
class GcsStoreFaultContractTest extends AbstractStoreFaultTest {
  private static final String BUCKET = "fault-matrix";
  private static final String TOKEN = "ya29." + UUID.randomUUID().toString().replace("-", "");

  private static GcsTestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = GcsTestServer.start();
    server.createBucket(BUCKET);
    server.rejectAuthorization(true);
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
  protected void putObject(String key, byte[] bytes) {
    server.putObject(BUCKET, "m/" + key, bytes);
  }

  private static StoreConfig config(URI endpoint, Tuning tuning, boolean anonymous) {
    return StoreConfig.of(Map.of(
        GcsOptions.HOST, endpoint.toString(),
        GcsOptions.ANONYMOUS, String.valueOf(anonymous),
        GcsOptions.MAX_ATTEMPTS, String.valueOf(tuning.maxAttempts()),
        GcsOptions.READ_TIMEOUT_MS, String.valueOf(tuning.readTimeout().toMillis()),
        GcsOptions.RETRY_INITIAL_DELAY_MS, "5",
        GcsOptions.RETRY_MAX_DELAY_MS, "50",
        GcsOptions.RETRY_TOTAL_TIMEOUT_MS, "60000"));
  }

  @Override
  protected Store openThrough(URI endpoint, Tuning tuning) throws Exception {
    return GcsTestSupport.open("gs://" + BUCKET + "/m", config(endpoint, tuning, true));
  }

  @Override
  protected Store openWithInvalidCredentials(URI endpoint, Tuning tuning) {
    GcsOptions o = GcsOptions.from(config(endpoint, tuning, false), Map.of());
    return new GcsStore(GcsClients.create(o, new FixedTokenCredentials(TOKEN)), true, BUCKET, "m", o);
  }

  @Override
  protected CannedError answer(Fault fault) {
    return switch (fault) {
      case THROTTLED -> error(503, "backendError", "We encountered an internal error. Please try again.");
      case TOO_MANY_REQUESTS -> error(429, "rateLimitExceeded", "The rate of change requests to the object is too high.");
      default -> error(500, "backendError", "We encountered an internal error. Please try again.");
    };
  }

  private static CannedError error(int status, String reason, String message) {
    return new CannedError(status, "application/json; charset=UTF-8",
        "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
            + message + "\",\"domain\":\"global\",\"reason\":\"" + reason + "\"}]}}");
  }

  /** The client's read channel resumes a broken body from the byte it got to. */
  @Override
  protected boolean resumesBrokenBodiesWithProgress() {
    return true;
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }
}
