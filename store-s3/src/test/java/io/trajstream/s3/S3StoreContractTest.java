package io.trajstream.s3;

import io.trajstream.store.Store;
import io.trajstream.testkit.AbstractStoreContractTest;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The full store contract against an embedded S3Proxy that checks SigV4 signatures. */
class S3StoreContractTest extends AbstractStoreContractTest {
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
    return new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/contract-root"), server.config());
  }
}
