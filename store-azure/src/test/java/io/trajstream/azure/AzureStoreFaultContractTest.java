package io.trajstream.azure;


import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreFaultTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault matrix ({@link AbstractStoreFaultTest}) for {@code az://} through a FaultProxy in front
 * of Azurite, with Azure's XML error bodies. "Attempts" are both the request tries and the
 * download resumes; the read timeout is {@code azure.read-timeout-ms}.
 *
 * <p>The JDK HTTP client retries an idempotent request once by itself when its connection is reset
 * before any response byte arrives, so here each SDK attempt may cost two connections.
 */
class AzureStoreFaultContractTest extends AbstractStoreFaultTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "fault-contract";
  private static final String WRONG_KEY = wrongKey();

  @BeforeAll
  static void arrange() {
    AZURITE.server().createContainer(CONTAINER);
  }

  @Override
  protected int serverPort() {
    return AZURITE.server().port();
  }

  @Override
  protected Store openThrough(URI endpoint, Tuning tuning) {
    return open(connectionString(endpoint, Azurite.KEY), tuning);
  }

  @Override
  protected Store openWithInvalidCredentials(URI endpoint, Tuning tuning) {
    return open(connectionString(endpoint, WRONG_KEY), tuning);
  }

  private static String connectionString(URI endpoint, String key) {
    return "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + key
        + ";BlobEndpoint=" + endpoint + "/" + Azurite.ACCOUNT + ";";
  }

  private static Store open(String connectionString, Tuning tuning) {
    return new AzureStoreFactory(Map.of())
        .create(
            URI.create("az://" + CONTAINER + "/p"),
            StoreConfig.of(
                Map.of(
                    AzureOptions.CONNECTION_STRING, connectionString,
                    AzureOptions.MAX_TRIES, String.valueOf(tuning.maxAttempts()),
                    AzureOptions.DOWNLOAD_RESUMES, String.valueOf(tuning.maxAttempts() - 1),
                    AzureOptions.READ_TIMEOUT_MS, String.valueOf(tuning.readTimeout().toMillis()),
                    AzureOptions.RETRY_DELAY_MS, "10",
                    AzureOptions.MAX_RETRY_DELAY_MS, "100")));
  }

  @Override
  protected CannedError answer(Fault fault) {
    return switch (fault) {
      case THROTTLED -> new CannedError(503, "application/xml", error("ServerBusy", "The server is busy."));
      case TOO_MANY_REQUESTS -> new CannedError(429, "application/xml", error("ServerBusy", "Too many requests."));
      default -> new CannedError(500, "application/xml", error("InternalError", "The server encountered an internal error."));
    };
  }

  /** The account keys (the well-known development one is public, but no key is ever printed) and connection strings. */
  @Override
  protected List<String> secrets() {
    return List.of(Azurite.KEY, WRONG_KEY, connectionString(proxy.uri(), Azurite.KEY),
        connectionString(proxy.uri(), WRONG_KEY));
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>";
  }

  private static String wrongKey() {
    byte[] k = new byte[64];
    new java.security.SecureRandom().nextBytes(k);
    return java.util.Base64.getEncoder().encodeToString(k);
  }

  /** The JDK HTTP client retries a GET once itself when a connection is reset before any byte. */
  @Override
  protected int connectionsPerAttemptOnReset() {
    return 2;
  }

}
