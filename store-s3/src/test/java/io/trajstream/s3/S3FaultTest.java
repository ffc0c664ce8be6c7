package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults below the SDK's HTTP layer, injected by a {@link FaultProxy} between the store and
 * an embedded S3Proxy: the SDK retries 500/503 answers and connection resets, gives up with a
 * {@link StoreException} naming the location when its attempts run out, and a truncated body never
 * comes back as data.
 */
class S3FaultTest {
  private static final String SLOW_DOWN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><RequestId>FAULT</RequestId></Error>";
  private static final String INTERNAL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
          + "<Message>We encountered an internal error. Please try again.</Message><RequestId>FAULT</RequestId></Error>";

  private static S3ProxyServer server;
  private static byte[] data;
  private static String root;
  private FaultProxy proxy;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
    data = new byte[3 * 1024 * 1024];
    new Random(99).nextBytes(data);
    root = "s3://" + S3ProxyServer.BUCKET + "/faults-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    try (Store direct = new S3StoreFactory().create(URI.create(root), server.config())) {
      direct.write("data.bin", data);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = FaultProxy.start(server.port());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** A fresh store (empty connection pool) talking to S3Proxy through the fault proxy. */
  private Store throughProxy(int maxAttempts) {
    Map<String, String> m = new TreeMap<>(server.options(proxy.uri()));
    m.put("s3.max-attempts", String.valueOf(maxAttempts));
    return new S3StoreFactory().create(URI.create(root), StoreConfig.of(m));
  }

  private static byte[] bytes(java.nio.ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private void assertRangedReadSurvives() throws IOException {
    try (Store store = throughProxy(5); StoreInput in = store.newInput("data.bin", data.length)) {
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 1_001_000), bytes(in.read(1000, 1_000_000)));
    }
  }

  @Test
  void slowDown503IsRetried() throws IOException {
    proxy.answerNext(2, 503, "application/xml", SLOW_DOWN);
    assertRangedReadSurvives();
    assertEquals(2, proxy.faultsInjected());
    assertEquals(3, proxy.connections(), "two refused attempts, then a good one");
  }

  @Test
  void internalError500IsRetried() throws IOException {
    proxy.answerNext(2, 500, "application/xml", INTERNAL);
    assertRangedReadSurvives();
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void connectionResetsAreRetried() throws IOException {
    proxy.resetNext(2);
    assertRangedReadSurvives();
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void headAndWholeReadsAreRetriedToo() throws IOException {
    proxy.answerNext(1, 503, "application/xml", SLOW_DOWN).resetNext(1).answerNext(1, 500, "application/xml", INTERNAL);
    try (Store store = throughProxy(5)) {
      try (StoreInput in = store.newInput("data.bin")) {
        assertEquals(data.length, in.length());
      }
      assertArrayEquals(data, store.readAll("data.bin"));
    }
    assertEquals(3, proxy.faultsInjected());
  }

  @Test
  void writesAreRetried() throws IOException {
    byte[] small = Arrays.copyOf(data, 100_000);
    proxy.answerNext(1, 503, "application/xml", SLOW_DOWN).resetNext(1);
    try (Store store = throughProxy(5)) {
      store.write("written.bin", small);
      assertArrayEquals(small, store.readAll("written.bin"));
    }
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void whenRetriesRunOutTheErrorNamesTheLocation() throws IOException {
    proxy.answerNext(10, 503, "application/xml", SLOW_DOWN);
    try (Store store = throughProxy(3); StoreInput in = store.newInput("data.bin", data.length)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertTrue(e.getMessage().contains(root + "data.bin"), e.getMessage());
      assertTrue(e.getMessage().contains("503") && e.getMessage().contains("SlowDown"), e.getMessage());
      assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
      assertEquals(root + "data.bin", e.location());
    }
    assertEquals(3, proxy.faultsInjected(), "max-attempts 3 means exactly 3 requests");
  }

  @Test
  void resetsUntilRetriesRunOutGiveAStoreException() throws IOException {
    proxy.resetNext(10);
    try (Store store = throughProxy(2); StoreInput in = store.newInput("data.bin", data.length)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertTrue(e.getMessage().contains(root + "data.bin"), e.getMessage());
    }
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void aTruncatedBodyIsRetriedAndNeverReturnedAsData() throws IOException {
    proxy.truncateNext(1, 100_000);
    try (Store store = throughProxy(5); StoreInput in = store.newInput("data.bin", data.length)) {
      assertArrayEquals(Arrays.copyOfRange(data, 0, 1_000_000), bytes(in.read(0, 1_000_000)));
    }
    assertEquals(1, proxy.faultsInjected());
    assertEquals(2, proxy.connections(), "the cut attempt and its retry");
  }

  @Test
  void truncatedEveryTimeFailsInsteadOfReturningAPart() throws IOException {
    proxy.truncateNext(10, 4096);
    try (Store store = throughProxy(3)) {
      try (StoreInput in = store.newInput("data.bin", data.length)) {
        byte[] buf = new byte[500_000];
        StoreException e = assertThrows(StoreException.class, () -> in.readFully(10, buf, 0, buf.length));
        assertTrue(e.getMessage().contains(root + "data.bin"), e.getMessage());
      }
      try {
        byte[] whole = store.readAll("data.bin");
        fail("a cut whole-object read returned " + whole.length + " bytes");
      } catch (IOException expected) {
        assertTrue(expected.getMessage().contains(root + "data.bin"), expected.getMessage());
      }
    }
    assertEquals(6, proxy.faultsInjected());
  }
}
