package io.trajstream.azure;

import io.trajstream.store.Store;
import io.trajstream.store.StoreFactory;
import io.trajstream.testkit.AbstractStoreContractTest;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against a real Azurite server, with the factory found through ServiceLoader
 * and shared-key (connection string) authorisation, which Azurite checks.
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
    return factory.create(URI.create("az://contract/run"), AZURITE.server().config());
  }
}
