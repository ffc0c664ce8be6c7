package io.trajstream.s3;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.AbstractStoreContractTest;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The full store contract with {@code s3.direct-reads=false}: every read through the AWS SDK, the
 * path a store takes when credentials or region come from the SDK's chains.
 */
class S3SdkReadsContractTest extends AbstractStoreContractTest {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Store createStore() {
    Map<String, String> m = new TreeMap<>(server.options(server.endpoint()));
    m.put("s3.direct-reads", "false");
    return new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/sdk-contract-root"), StoreConfig.of(m));
  }
}
