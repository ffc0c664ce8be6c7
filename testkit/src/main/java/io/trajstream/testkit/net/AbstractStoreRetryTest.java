package io.trajstream.testkit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures an HTTP-based store tries again, counted at the wire: the rule of {@link
 * io.trajstream.store.HttpReplies} that every store follows whatever SDK carries its requests.
 * A 4xx other than 408 and 429 is final (one request, then an error naming the location); 408,
 * 429 and 5xx are retried until the right bytes come; a store gives up after exactly its
 * configured number of attempts; a TLS failure is final (one connection). A store module extends
 * this with its server behind a {@link FaultProxy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class AbstractStoreRetryTest {
  /** Attempts (first included) of every store in this test. */
  protected static final int MAX_ATTEMPTS = 4;
  private static final int SIZE = 200_000;

  private FaultProxy proxy;
  private String key;
  private byte[] data;

  /** The port of the real server behind the proxy. */
  protected abstract int serverPort();

  /**
   * A store whose service endpoint is {@code endpoint} (a proxy's {@code http://127.0.0.1:port},
   * or an {@code https://} one for the TLS test), making at most {@code maxAttempts} attempts per
   * request with back-off waits of a few milliseconds.
   */
  protected abstract Store openThrough(URI endpoint, int maxAttempts) throws Exception;

  /** The service's error body for {@code status} (what its SDK expects to parse). */
  protected abstract String errorBody(int status);

  /** The content type of {@link #errorBody}. */
  protected abstract String errorContentType();

  @BeforeEach
  void startProxyAndPutObject() throws Exception {
    proxy = FaultProxy.start(serverPort());
    key = "retry-" + UUID.randomUUID().toString().substring(0, 8) + "/data.bin";
    data = new byte[SIZE];
    new Random(SIZE).nextBytes(data);
    try (Store store = openThrough(proxy.uri(), 1)) {
      store.write(key, data);
    }
    proxy.closeIdleConnections(Duration.ZERO);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private byte[] read(Store store) throws IOException {
    try (StoreInput in = store.newInput(key, data.length)) {
      ByteBuffer b = in.read(1000, 100_000);
      byte[] out = new byte[b.remaining()];
      b.duplicate().get(out);
      return out;
    }
  }

  @ParameterizedTest(name = "HTTP {0} is final")
  @ValueSource(ints = {400, 401, 403, 404, 409, 412})
  void clientErrorsOtherThan408And429AreNotRetried(int status) throws Exception {
    try (Store store = openThrough(proxy.uri(), MAX_ATTEMPTS)) {
      proxy.answerNext(MAX_ATTEMPTS, status, errorContentType(), errorBody(status));
      IOException e = assertThrows(IOException.class, () -> read(store));
      assertEquals(1, proxy.faultsInjected(), "HTTP " + status + " must not be retried: " + e);
      assertTrue(e.getMessage().startsWith(store.location(key) + ": "), "the message names the location: " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      proxy.clearFaults();
    }
  }

  @ParameterizedTest(name = "HTTP {0} is retried")
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void timeoutsThrottlingAndServerErrorsAreRetried(int status) throws Exception {
    try (Store store = openThrough(proxy.uri(), MAX_ATTEMPTS)) {
      proxy.answerNext(MAX_ATTEMPTS - 1, status, errorContentType(), errorBody(status));
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 101_000), read(store), "the right bytes after the retries");
      assertEquals(MAX_ATTEMPTS - 1, proxy.faultsInjected());
    }
  }

  @Test
  void aStoreGivesUpAfterExactlyItsAttempts() throws Exception {
    try (Store store = openThrough(proxy.uri(), MAX_ATTEMPTS)) {
      proxy.answerNext(MAX_ATTEMPTS + 3, 503, errorContentType(), errorBody(503));
      StoreException e = assertThrows(StoreException.class, () -> read(store));
      assertEquals(MAX_ATTEMPTS, proxy.faultsInjected(), "attempts made: " + e.getMessage());
      assertEquals(store.location(key), e.location());
      proxy.clearFaults();
    }
  }

  @Test
  void tlsFailuresAreNotRetried(@TempDir Path tmp) throws Exception {
    try (UntrustedTlsServer tls = UntrustedTlsServer.start(tmp); Store store = openThrough(tls.uri(), MAX_ATTEMPTS)) {
      IOException e = assertThrows(IOException.class, () -> read(store));
      assertEquals(1, tls.connections(), "a refused certificate is final: one connection, not " + MAX_ATTEMPTS + ": " + e);
      assertEquals(0, tls.completedHandshakes());
      assertTrue(e.getMessage().startsWith(store.location(key) + ": "), "the message names the location: " + e.getMessage());
      assertTrue(e.getMessage().contains("TLS failure, not retried"), "the message says why: " + e.getMessage());
    }
  }
}
