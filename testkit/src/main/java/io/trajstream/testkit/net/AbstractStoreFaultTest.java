package io.trajstream.testkit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every network store must behave when the network misbehaves, shown with a {@link FaultProxy}
 * between the store's SDK and a real local server: throttling and server errors and connection
 * resets are retried by the SDK and reads return the right bytes; when the attempts run out a
 * {@link StoreException} names the location; a truncated body is never returned as data.
 *
 * <p>A backend's test extends this class, says where its server listens and how to open a store
 * through another endpoint with a given number of attempts, and gives the error bodies its service
 * sends (XML for S3 and Azure, JSON for GCS).
 */
public abstract class AbstractStoreFaultTest {
  private static final int SIZE = 3 * 1024 * 1024;

  /** A canned error answer: status, content type and body as the service would send them. */
  public record CannedError(int status, String contentType, String body) {}

  /** The proxy in front of the server; a new one per test. */
  protected FaultProxy proxy;

  /** The test object's key and contents, written before each test without faults. */
  protected String key;

  protected byte[] data;

  /** The port of the real local server the store talks to (on 127.0.0.1). */
  protected abstract int serverPort() throws Exception;

  /**
   * A new store (new client, so no pooled connections) reaching the server through {@code
   * endpoint}, making at most {@code maxAttempts} attempts per request (first try included).
   */
  protected abstract Store openThrough(URI endpoint, int maxAttempts) throws Exception;

  /** The service's "slow down" answer (e.g. S3's 503 SlowDown). */
  protected abstract CannedError throttled();

  /** The service's internal error answer (a 500). */
  protected abstract CannedError serverError();

  @BeforeEach
  void startProxyAndWriteObject() throws Exception {
    proxy = FaultProxy.start(serverPort());
    key = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "/data.bin";
    data = new byte[SIZE];
    new Random(SIZE).nextBytes(data);
    try (Store store = openThrough(proxy.uri(), 3)) {
      store.write(key, data);
    }
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private void arm(int n, CannedError e) {
    proxy.answerNext(n, e.status(), e.contentType(), e.body());
  }

  /** Reads 1 MB at offset 1000 through a new store with 5 attempts and checks the bytes. */
  protected void assertRangedReadReturnsTheRightBytes() throws Exception {
    try (Store store = openThrough(proxy.uri(), 5); StoreInput in = store.newInput(key, data.length)) {
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 1_001_000), bytes(in.read(1000, 1_000_000)));
    }
  }

  @Test
  void throttlingIsRetried() throws Exception {
    arm(2, throttled());
    int before = proxy.faultsInjected();
    assertRangedReadReturnsTheRightBytes();
    assertEquals(before + 2, proxy.faultsInjected());
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    arm(2, serverError());
    assertRangedReadReturnsTheRightBytes();
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void connectionResetsAreRetried() throws Exception {
    proxy.resetNext(2);
    assertRangedReadReturnsTheRightBytes();
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void whenAttemptsRunOutAStoreExceptionNamesTheLocation() throws Exception {
    arm(20, serverError());
    try (Store store = openThrough(proxy.uri(), 3); StoreInput in = store.newInput(key, data.length)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertTrue(e.getMessage().contains(store.location(key)), "message should name the location: " + e.getMessage());
    }
    assertEquals(3, proxy.faultsInjected(), "3 attempts means 3 requests");
  }

  @Test
  void resetsUntilAttemptsRunOutGiveAStoreException() throws Exception {
    proxy.resetNext(20);
    try (Store store = openThrough(proxy.uri(), 2); StoreInput in = store.newInput(key, data.length)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertTrue(e.getMessage().contains(store.location(key)), e.getMessage());
      assertEquals(store.location(key), e.location());
    }
    int faults = proxy.faultsInjected();
    int most = 2 * connectionsPerAttemptOnReset();
    assertTrue(faults >= 2 && faults <= most, "2 attempts, each at most " + connectionsPerAttemptOnReset()
        + " connection(s) on the wire, but " + faults + " connections were reset");
    proxy.clearFaults();
  }

  /**
   * How many connections one SDK attempt may use when the connection is reset before any
   * response byte: 1, unless the backend's HTTP client itself silently retries such a request
   * once (the JDK client does, for idempotent requests).
   */
  protected int connectionsPerAttemptOnReset() {
    return 1;
  }

  @Test
  void aTruncatedBodyIsRetried() throws Exception {
    proxy.truncateNext(1, 100_000);
    assertRangedReadReturnsTheRightBytes();
    assertEquals(1, proxy.faultsInjected());
  }

  @Test
  void aBodyTruncatedEveryTimeIsAnErrorNeverData() throws Exception {
    proxy.truncateNext(20, 4096);
    try (Store store = openThrough(proxy.uri(), 3)) {
      try (StoreInput in = store.newInput(key, data.length)) {
        byte[] buf = new byte[500_000];
        StoreException e = assertThrows(StoreException.class, () -> in.readFully(10, buf, 0, buf.length));
        assertTrue(e.getMessage().contains(store.location(key)), e.getMessage());
      }
      try {
        byte[] whole = store.readAll(key);
        fail("a cut whole-object read returned " + whole.length + " bytes");
      } catch (IOException expected) {
        assertTrue(expected.getMessage().contains(store.location(key)), expected.getMessage());
      }
    }
  }
}
