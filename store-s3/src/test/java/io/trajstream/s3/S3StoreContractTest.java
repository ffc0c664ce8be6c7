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

  /** The read path under test (the direct one here). */
  protected ReadPath readPath() {
    return ReadPath.DIRECT;
  }

  @Override
  protected Store createStore() throws Exception {
    Map<String, String> m = new TreeMap<>(server.options(server.endpoint()));
    m.putAll(readPath().options());
    return readPath().check(
        new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/contract-root"), StoreConfig.of(m)));
  }
}
