package io.trajstream.azure;

import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.ByteRange;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import io.trajstream.testkit.net.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Azure-specific faults beyond the testkit's fault contract ({@link AzureStoreFaultContractTest}),
 * injected by {@link FaultProxy} in front of Azurite: properties requests, whole-blob reads, writes
 * (single and block uploads) and concurrent vectored reads under 500/503 answers, resets and
 * truncated bodies; a body cut with resumes switched off is an error, never data.
 */
class AzureFaultTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "faults";
  private static final String BUSY =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>";
  private static final String INTERNAL =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>InternalError</Code><Message>Oops.</Message></Error>";
  private static final byte[] DATA = new byte[3 * 1024 * 1024 + 123];

  private FaultProxy proxy;

  @BeforeAll
  static void arrange() throws IOException {
    new Random(7).nextBytes(DATA);
    AZURITE.server().createContainer(CONTAINER);
    try (Store direct = new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/data"), AZURITE.server().config())) {
      direct.write("blob.bin", DATA);
    }
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy = FaultProxy.start(AZURITE.server().port());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** A store that reaches Azurite through the proxy, with short back-off delays. */
  private Store viaProxy(Map<String, String> extra) throws IOException {
    Map<String, String> m = new HashMap<>();
    m.put(AzureOptions.CONNECTION_STRING, Azurite.connectionString(proxy.port()));
    m.put(AzureOptions.RETRY_DELAY_MS, "10");
    m.put(AzureOptions.MAX_RETRY_DELAY_MS, "100");
    m.putAll(extra);
    return new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/data"), StoreConfig.of(m));
  }

  private static byte[] slice(long off, int len) {
    return Arrays.copyOfRange(DATA, (int) off, (int) off + len);
  }

  @Test
  void serverErrorsAreRetriedAndReadsStayCorrect() throws IOException {
    proxy.answerNext(2, 503, "application/xml", BUSY).answerNext(1, 500, "application/xml", INTERNAL);
    try (Store s = viaProxy(Map.of()); StoreInput in = s.newInput("blob.bin")) {
      assertEquals(DATA.length, in.length());
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.answerNext(1, 503, "application/xml", BUSY);
      assertArrayEquals(slice(1_000_000, 200_000), bytes(in.read(1_000_000, 200_000)));
      assertArrayEquals(DATA, s.readAll("blob.bin"));
    }
    assertEquals(4, proxy.faultsInjected());
  }

  @Test
  void resetsAreRetriedAndReadsStayCorrect() throws IOException {
    proxy.resetNext(3);
    try (Store s = viaProxy(Map.of())) {
      assertArrayEquals(DATA, s.readAll("blob.bin"));
      StoreInput in = s.newInput("blob.bin", DATA.length);
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.resetNext(2);
      assertArrayEquals(slice(5, 70_000), bytes(in.read(5, 70_000)));
    }
    assertEquals(5, proxy.faultsInjected());
  }

  @Test
  void truncatedBodiesAreResumedAndReadsStayCorrect() throws IOException {
    proxy.truncateNext(1, 10_000);
    try (Store s = viaProxy(Map.of())) {
      StoreInput in = s.newInput("blob.bin", DATA.length);
      assertArrayEquals(slice(100_000, 1_500_000), bytes(in.read(100_000, 1_500_000)));
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.truncateNext(2, 333);
      assertArrayEquals(DATA, s.readAll("blob.bin"));
    }
    assertEquals(3, proxy.faultsInjected());
  }

  @Test
  void aTruncatedBodyIsNeverReturnedAsData() throws IOException {
    try (Store s = viaProxy(Map.of(AzureOptions.DOWNLOAD_RESUMES, "0"))) {
      StoreInput in = s.newInput("blob.bin", DATA.length);
      proxy.truncateNext(1, 4096);
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 500_000));
      assertEquals("az://" + CONTAINER + "/data/blob.bin", e.location());
      proxy.truncateNext(1, 4096);
      assertThrows(StoreException.class, () -> s.readAll("blob.bin"));
    }
  }

  @Test
  @Timeout(45)
  void aBodyThatStallsEveryTimeFailsAfterTheReadTimeoutTimesTheAttempts() throws IOException {
    try (Store s = viaProxy(Map.of(AzureOptions.READ_TIMEOUT_MS, "1000", AzureOptions.MAX_TRIES, "2",
        AzureOptions.DOWNLOAD_RESUMES, "1"))) {
      StoreInput in = s.newInput("blob.bin", DATA.length);
      proxy.stallNext(50, 4096);
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 500_000));
      assertEquals("az://" + CONTAINER + "/data/blob.bin", e.location());
      assertTrue(e.getMessage().startsWith("az://" + CONTAINER + "/data/blob.bin: "), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      int stalled = proxy.faultsInjected();
      assertTrue(stalled >= 2 && stalled <= 4, "2 tries with 1 resume each: " + stalled + " stalled bodies");
      proxy.clearFaults();
    }
  }

  @Test
  @Timeout(45)
  void aBodyThatStallsOnceIsResumedToTheRightBytes() throws IOException {
    try (Store s = viaProxy(Map.of(AzureOptions.READ_TIMEOUT_MS, "1000"))) {
      StoreInput in = s.newInput("blob.bin", DATA.length);
      proxy.stallNext(1, 4096);
      assertArrayEquals(slice(1000, 500_000), bytes(in.read(1000, 500_000)));
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.stallNext(1, 100_000);
      assertArrayEquals(DATA, s.readAll("blob.bin"));
    }
    assertEquals(2, proxy.faultsInjected());
  }

  @Test
  void exhaustedRetriesGiveStoreExceptionNamingTheLocation() throws IOException {
    try (Store s = viaProxy(Map.of(AzureOptions.MAX_TRIES, "3"))) {
      proxy.answerNext(10, 503, "application/xml", BUSY);
      StoreException busy = assertThrows(StoreException.class, () -> s.newInput("blob.bin"));
      assertEquals("az://" + CONTAINER + "/data/blob.bin", busy.location());
      assertTrue(busy.getMessage().contains("503"), busy.getMessage());
      assertEquals(3, proxy.faultsInjected(), "three tries of the properties request, then give up");
      proxy.clearFaults();

      proxy.resetNext(10);
      StoreException reset = assertThrows(StoreException.class, () -> s.newInput("blob.bin"));
      assertEquals("az://" + CONTAINER + "/data/blob.bin", reset.location());
      proxy.clearFaults();

      proxy.answerNext(10, 500, "application/xml", INTERNAL);
      StoreException write = assertThrows(StoreException.class, () -> s.write("w.bin", new byte[] {1, 2, 3}));
      assertEquals("az://" + CONTAINER + "/data/w.bin", write.location());
      assertTrue(write.getMessage().contains("500"), write.getMessage());
      proxy.clearFaults();
    }
  }

  @Test
  void writesAreRetried() throws IOException {
    byte[] small = Arrays.copyOf(DATA, 100_000);
    try (Store s = viaProxy(Map.of(AzureOptions.SINGLE_UPLOAD_MAX, String.valueOf(1 << 20), AzureOptions.BLOCK_SIZE, String.valueOf(512 * 1024)))) {
      proxy.answerNext(1, 503, "application/xml", BUSY).resetNext(1);
      s.write("small.bin", small);
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.resetNext(2).answerNext(2, 500, "application/xml", INTERNAL);
      s.write("blocks.bin", DATA);
    }
    try (Store direct = new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/data"), AZURITE.server().config())) {
      assertArrayEquals(small, direct.readAll("small.bin"));
      assertArrayEquals(DATA, direct.readAll("blocks.bin"));
    }
    assertEquals(6, proxy.faultsInjected());
  }

  @Test
  void vectoredReadsStayCorrectUnderMixedFaults() throws Exception {
    Random rnd = new Random(11);
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int len = 1 + rnd.nextInt(20_000);
      ranges.add(new ByteRange(rnd.nextInt(DATA.length - len), len));
    }
    try (Store s = viaProxy(Map.of(AzureOptions.MAX_TRIES, "6"))) {
      StoreInput in = s.newInput("blob.bin");
      for (int i = 0; i < 4; i++) {
        proxy.resetNext(1).answerNext(1, 503, "application/xml", BUSY).truncateNext(1, 500).answerNext(1, 500, "application/xml", INTERNAL);
      }
      List<ByteBuffer> got = in.readVectored(ranges, VectoredReadOptions.NO_MERGE).get(2, TimeUnit.MINUTES);
      for (int i = 0; i < ranges.size(); i++) {
        ByteRange r = ranges.get(i);
        assertArrayEquals(slice(r.offset(), r.length()), bytes(got.get(i)), "range " + r);
      }
    }
    assertTrue(proxy.faultsInjected() > 0, "faults were injected: " + proxy.faultsInjected());
  }
}
