package io.trajstream.azure;


import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreFaultTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's network-fault contract for {@code az://} through a FaultProxy in front of Azurite,
 * with Azure's XML error bodies. "Attempts" are both the request tries and the download resumes.
 *
 * <p>The JDK HTTP client retries an idempotent request once by itself when its connection is reset
 * before any response byte arrives, so here each SDK attempt may cost two connections.
 */
class AzureStoreFaultContractTest extends AbstractStoreFaultTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "fault-contract";

  @BeforeAll
  static void arrange() {
    AZURITE.server().createContainer(CONTAINER);
  }

  @Override
  protected int serverPort() {
    return AZURITE.server().port();
  }

  @Override
  protected Store openThrough(URI endpoint, int maxAttempts) throws Exception {
    String cs = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.KEY
        + ";BlobEndpoint=" + endpoint + "/" + Azurite.ACCOUNT + ";";
    return new AzureStoreFactory(Map.of())
        .create(
            URI.create("az://" + CONTAINER + "/p"),
            StoreConfig.of(
                Map.of(
                    AzureOptions.CONNECTION_STRING, cs,
                    AzureOptions.MAX_TRIES, String.valueOf(maxAttempts),
                    AzureOptions.DOWNLOAD_RESUMES, String.valueOf(maxAttempts - 1),
                    AzureOptions.RETRY_DELAY_MS, "10",
                    AzureOptions.MAX_RETRY_DELAY_MS, "100")));
  }

  @Override
  protected CannedError throttled() {
    return new CannedError(503, "application/xml", error("ServerBusy", "The server is busy."));
  }

  @Override
  protected CannedError serverError() {
    return new CannedError(500, "application/xml", error("InternalError", "The server encountered an internal error."));
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>";
  }

  /** The JDK HTTP client retries a GET once itself when a connection is reset before any byte. */
  @Override
  protected int connectionsPerAttemptOnReset() {
    return 2;
  }

}
