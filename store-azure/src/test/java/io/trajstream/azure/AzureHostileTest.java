package io.trajstream.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.PublicAccessType;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreHostileTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hostile-server matrix ({@link AbstractStoreHostileTest}) for {@code az://}: Azurite behind a
 * FaultProxy, read anonymously from a public container: a shared-key signature covers the {@code
 * x-ms-range} header, so a proxy that rewrites it would meet a signature error first (a real
 * server that ignores the range does so after checking the signature). Limits: {@code azure.max-tries} (and as many download resumes), {@code
 * azure.read-timeout-ms} and {@code azure.try-timeout-ms}.
 */
class AzureHostileTest extends AbstractStoreHostileTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "hostile-matrix";

  @BeforeAll
  static void arrange() {
    var c = AZURITE.server().admin().getBlobContainerClient(CONTAINER);
    if (!c.exists()) {
      c.createWithResponse(null, PublicAccessType.CONTAINER, null, Context.NONE);
    }
  }

  /** Written with the account key, straight to Azurite. */
  @Override
  protected void putObject(String key, byte[] bytes) throws Exception {
    try (Store store = new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/p"),
        AZURITE.server().config())) {
      store.write(key, bytes);
    }
  }

  /** A ranged body longer than its range is refused by the sink (RangeSink), not cut to the range. */
  @Override
  protected Outcome outcome(Mode mode, Read read) {
    if (mode == Mode.ENDLESS_BODY) {
      return Outcome.ERROR;
    }
    return super.outcome(mode, read);
  }

  @Override
  protected int serverPort() {
    return AZURITE.server().port();
  }

  @Override
  protected Store openThrough(URI endpoint, Limits limits) {
    return new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/p"), StoreConfig.of(Map.of(
        AzureOptions.ANONYMOUS, "true",
        AzureOptions.ENDPOINT, Azurite.endpoint(endpoint.getPort()),
        AzureOptions.MAX_TRIES, String.valueOf(limits.maxAttempts()),
        AzureOptions.DOWNLOAD_RESUMES, String.valueOf(limits.maxAttempts() - 1),
        AzureOptions.READ_TIMEOUT_MS, String.valueOf(limits.readTimeout().toMillis()),
        AzureOptions.TRY_TIMEOUT_MS, String.valueOf(limits.attemptTimeout().toMillis()),
        AzureOptions.RETRY_DELAY_MS, "10",
        AzureOptions.MAX_RETRY_DELAY_MS, "5000")));  // a Retry-After is honoured up to this cap
  }
}
