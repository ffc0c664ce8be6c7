package io.trajstream.s3;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.net.AbstractStoreHostileTest;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hostile-server matrix ({@link AbstractStoreHostileTest}) for {@code s3://}: an embedded
 * S3Proxy behind a FaultProxy, read with unsigned requests: SigV4 signs the {@code Range} header,
 * so a proxy that rewrites it would meet a signature error first (a real server that ignores Range
 * does so after checking the signature). Limits: {@code s3.max-attempts}, {@code
 * s3.read-timeout-ms} and {@code s3.attempt-timeout-ms}.
 */
class S3HostileTest extends AbstractStoreHostileTest {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withoutAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /**
   * A ranged body longer than its range is refused ("longer than the bytes asked for"), not cut
   * to the range: a server that sends more than asked is not trusted with the rest.
   */
  @Override
  protected Outcome outcome(Mode mode, Read read) {
    if (mode == Mode.ENDLESS_BODY) {
      return Outcome.ERROR;
    }
    return super.outcome(mode, read);
  }

  @Override
  protected int serverPort() {
    return server.port();
  }

  /** The read path under test (the direct one here; {@link S3SdkReadsHostileTest} the SDK's). */
  protected ReadPath readPath() {
    return ReadPath.DIRECT;
  }

  @Override
  protected Store openThrough(URI endpoint, Limits limits) throws Exception {
    Map<String, String> m = new TreeMap<>(server.options(endpoint));
    m.putAll(readPath().options());
    m.put("s3.max-attempts", String.valueOf(limits.maxAttempts()));
    m.put("s3.read-timeout-ms", String.valueOf(limits.readTimeout().toMillis()));
    m.put("s3.attempt-timeout-ms", String.valueOf(limits.attemptTimeout().toMillis()));
    return readPath().check(new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/"), StoreConfig.of(m)));
  }
}
