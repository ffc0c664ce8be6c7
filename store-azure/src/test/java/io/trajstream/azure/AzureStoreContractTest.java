package io.trajstream.azure;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import io.trajstream.testkit.AbstractStoreContractTest;
import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against a real Azurite server, with the factory found through ServiceLoader
 * and shared-key (connection string) authorisation, which Azurite checks. Reads go without the SDK
 * ({@link AzureDirectReads}); {@link AzureSdkReadsContractTest} runs the same through the SDK.
 */
class AzureStoreContractTest extends AbstractStoreContractTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  @BeforeAll
  static void createContainer() {
    AZURITE.server().createContainer("contract");
  }

  @Override
  protected Store createStore() throws Exception {
    StoreFactory factory =
        ServiceLoader.load(StoreFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(f -> f.schemes().contains("az"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no StoreFactory for az:// registered"));
    StoreConfig config = AZURITE.server().config();
    for (Map.Entry<String, String> e : extraOptions().entrySet()) {
      config = config.with(e.getKey(), e.getValue());
    }
    return factory.create(URI.create("az://contract/run"), config);
  }

  /** Options added to the connection string's (none here). */
  protected Map<String, String> extraOptions() {
    return Map.of();
  }
}
