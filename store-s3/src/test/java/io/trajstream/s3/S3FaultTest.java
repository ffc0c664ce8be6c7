package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.AbstractStoreFaultTest;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix ({@link AbstractStoreFaultTest}) against an embedded S3Proxy (SigV4 checked)
 * through a FaultProxy, plus S3 specifics: SlowDown in the message, HEAD / whole-object reads /
 * PUTs retried, and exactly {@code s3.max-attempts} requests.
 */
class S3FaultTest extends AbstractStoreFaultTest {
  private static final String SLOW_DOWN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><RequestId>FAULT</RequestId></Error>";
  private static final String INTERNAL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
          + "<Message>We encountered an internal error. Please try again.</Message><RequestId>FAULT</RequestId></Error>";

  private static final String TOO_MANY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>TooManyRequests</Code>"
          + "<Message>Too many requests.</Message><RequestId>FAULT</RequestId></Error>";
  private static final String WRONG_SECRET = "wrong" + UUID.randomUUID().toString().replace("-", "");

  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected int serverPort() {
    return server.port();
  }

  /** The read path under test (the direct one here; {@link S3SdkReadsFaultTest} the SDK's). */
  protected ReadPath readPath() {
    return ReadPath.DIRECT;
  }

  @Override
  protected Store openThrough(URI endpoint, Tuning tuning) throws Exception {
    return open(server.options(endpoint), tuning);
  }

  @Override
  protected Store openWithInvalidCredentials(URI endpoint, Tuning tuning) throws Exception {
    Map<String, String> m = new TreeMap<>(server.options(endpoint));
    m.put("s3.secret-access-key", WRONG_SECRET);
    return open(m, tuning);
  }

  private Store open(Map<String, String> options, Tuning tuning) throws Exception {
    Map<String, String> m = new TreeMap<>(options);
    m.putAll(readPath().options());
    m.put("s3.max-attempts", String.valueOf(tuning.maxAttempts()));
    m.put("s3.read-timeout-ms", String.valueOf(tuning.readTimeout().toMillis()));
    return readPath().check(new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/"), StoreConfig.of(m)));
  }

  @Override
  protected CannedError answer(Fault fault) {
    return switch (fault) {
      case THROTTLED -> new CannedError(503, "application/xml", SLOW_DOWN);
      case TOO_MANY_REQUESTS -> new CannedError(429, "application/xml", TOO_MANY);
      default -> new CannedError(500, "application/xml", INTERNAL);
    };
  }

  @Override
  protected List<String> secrets() {
    return List.of(server.credential(), WRONG_SECRET);
  }

  @Test
  void slowDownAnswersEachCostOneConnection() throws Exception {
    proxy.answerNext(2, 503, "application/xml", SLOW_DOWN);
    int before = proxy.connections();
    assertRangedReadReturnsTheRightBytes();
    assertEquals(before + 3, proxy.connections(), "two refused attempts, then a good one");
  }

  @Test
  void headAndWholeReadsAreRetriedToo() throws Exception {
    proxy.answerNext(1, 503, "application/xml", SLOW_DOWN).resetNext(1).answerNext(1, 500, "application/xml", INTERNAL);
    try (Store store = openThrough(proxy.uri(), 5)) {
      try (StoreInput in = store.newInput(key)) {
        assertEquals(data.length, in.length());
      }
      assertArrayEquals(data, store.readAll(key));
    }
    assertEquals(3, proxy.faultsInjected());
  }

  @Test
  void writesAreRetried() throws Exception {
    byte[] small = Arrays.copyOf(data, 100_000);
    proxy.answerNext(1, 503, "application/xml", SLOW_DOWN).resetNext(1);
    try (Store store = openThrough(proxy.uri(), 5)) {
      store.write(key + ".copy", small);
      assertArrayEquals(small, store.readAll(key + ".copy"));
    }
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void exhaustedSlowDownSaysSoAndHowOften() throws Exception {
    proxy.answerNext(10, 503, "application/xml", SLOW_DOWN);
    try (Store store = openThrough(proxy.uri(), 3); StoreInput in = store.newInput(key, data.length)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertTrue(e.getMessage().contains("503") && e.getMessage().contains("SlowDown"), e.getMessage());
      assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
      assertEquals(store.location(key), e.location());
    }
    assertEquals(3, proxy.faultsInjected());
  }
}
