package io.trajstream.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.PublicAccessType;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreRetryTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retry rule ({@link AbstractStoreRetryTest}) for {@code az://}, counted through a FaultProxy in
 * front of Azurite: {@link AzureRetries} in place of the SDK's storage retry policy.
 */
class AzureRetryTest extends AbstractStoreRetryTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "retry-rule";

  @BeforeAll
  static void arrange() {
    var c = AZURITE.server().admin().getBlobContainerClient(CONTAINER);
    if (!c.exists()) {
      c.createWithResponse(null, PublicAccessType.CONTAINER, null, Context.NONE);
    }
  }

  @Override
  protected int serverPort() {
    return AZURITE.server().port();
  }

  /** Shared-key authorised (writes need it); the proxy passes requests unchanged. */
  @Override
  protected Store openThrough(URI endpoint, int maxAttempts) {
    return new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/r"), StoreConfig.of(Map.of(
        AzureOptions.CONNECTION_STRING, Azurite.connectionString(endpoint.getPort()).replace("http://", endpoint.getScheme() + "://"),
        AzureOptions.MAX_TRIES, String.valueOf(maxAttempts),
        AzureOptions.DOWNLOAD_RESUMES, "0",
        AzureOptions.RETRY_DELAY_MS, "5",
        AzureOptions.MAX_RETRY_DELAY_MS, "50")));
  }

  @Override
  protected String errorBody(int status) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>Injected" + status + "</Code>"
        + "<Message>injected</Message></Error>";
  }

  @Override
  protected String errorContentType() {
    return "application/xml";
  }
}
