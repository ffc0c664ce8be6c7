package io.trajstream.gcs;

import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.gcs.GcsTestServer.Fault;
import io.trajstream.gcs.GcsTestServer.Request;
import io.trajstream.store.ByteRange;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reliability: the test server injects 503s, dropped connections and truncated bodies. The
 * client's retries must keep every read correct; when retries run out the store gives a {@link
 * StoreException} naming the {@code gs://} location.
 */
class GcsFaultTest {
  private static final Predicate<Request> MEDIA = Request::isMediaDownload;

  private GcsTestServer server;
  private Store store;
  private byte[] data;

  @BeforeEach
  void setUp() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("faults");
    data = new byte[3 * 1024 * 1024 + 11];
    new Random(42).nextBytes(data);
    server.putObject("faults", "traj/data.bin", data);
    store = GcsTestSupport.open(server, "gs://faults/traj");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    server.close();
  }

  @Test
  void rangedReadsSurviveEachKindOfFault() throws Exception {
    try (StoreInput in = store.newInput("data.bin")) {
      for (Fault fault : Fault.values()) {
        server.inject(MEDIA, fault, 2);
        int before = server.faultsInjected();
        byte[] got = bytes(in.read(1000, 200_000));
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 201_000), got, "after " + fault);
        assertEquals(before + 2, server.faultsInjected(), fault + " was not injected twice");
      }
    }
  }

  @Test
  void metadataAndWholeReadsRetryToo() throws Exception {
    server.inject(Request::isMetadataGet, Fault.SERVICE_UNAVAILABLE, 2);
    server.inject(MEDIA, Fault.DROP_CONNECTION, 1);
    server.inject(MEDIA, Fault.TRUNCATE_BODY, 1);
    assertTrue(store.exists("data.bin"));
    assertArrayEquals(data, store.readAll("data.bin"));
    assertEquals(4, server.faultsInjected());
  }

  @Test
  void writesAndListingsRetryAfter503() throws Exception {
    server.inject(r -> r.method().equals("POST") || r.method().equals("PUT"), Fault.SERVICE_UNAVAILABLE, 2);
    server.inject(r -> r.method().equals("GET") && r.path().endsWith("/o"), Fault.SERVICE_UNAVAILABLE, 1);
    byte[] small = Arrays.copyOf(data, 1000);
    store.write("small.bin", small);
    assertArrayEquals(small, server.object("faults", "traj/small.bin").orElseThrow());
    assertEquals(List.of("data.bin", "small.bin"), store.list("").map(e -> e.key()).toList());
    assertEquals(3, server.faultsInjected());
  }

  @Test
  void resumableUploadRecoversFromFaultsMidSession() throws Exception {
    StoreConfig cfg = GcsTestSupport.config(server)
        .with(GcsOptions.RESUMABLE_THRESHOLD, "1048576")
        .with(GcsOptions.RESUMABLE_CHUNK_SIZE, "524288");
    try (Store s = GcsTestSupport.open("gs://faults/up", cfg)) {
      server.inject(r -> r.method().equals("PUT"), Fault.SERVICE_UNAVAILABLE, 2);
      server.inject(r -> r.method().equals("PUT"), Fault.DROP_CONNECTION, 1);
      s.write("big.bin", data);
    }
    assertArrayEquals(data, server.object("faults", "up/big.bin").orElseThrow());
    assertEquals(3, server.faultsInjected());
  }

  @Test
  void concurrentVectoredReadsStayCorrectUnderRandomFaults() throws Exception {
    Random rnd = new Random(7);
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int len = 1 + rnd.nextInt(20_000);
      ranges.add(new ByteRange(rnd.nextInt(data.length - len), len));
    }
    // every 3rd media request fails, in each of the ways in turn; no request fails twice
    server.injectEvery(MEDIA, 3, Fault.values());
    try (StoreInput in = store.newInput("data.bin", data.length)) {
      List<ByteBuffer> got = in.readVectored(ranges, VectoredReadOptions.NO_MERGE).get(2, TimeUnit.MINUTES);
      for (int i = 0; i < ranges.size(); i++) {
        ByteRange r = ranges.get(i);
        assertArrayEquals(Arrays.copyOfRange(data, (int) r.offset(), (int) r.end()), bytes(got.get(i)), "range " + r);
      }
    }
    assertTrue(server.faultsInjected() >= ranges.size() / 5, "faults injected: " + server.faultsInjected());
  }

  @Test
  void exhaustedRetriesGiveStoreExceptionNamingTheLocation() throws Exception {
    StoreConfig cfg = GcsTestSupport.config(server).with(GcsOptions.MAX_ATTEMPTS, "3");
    try (Store s = GcsTestSupport.open("gs://faults/traj", cfg); StoreInput in = s.newInput("data.bin")) {
      server.inject(MEDIA, Fault.SERVICE_UNAVAILABLE, 100);
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 10));
      assertEquals("gs://faults/traj/data.bin", e.location());
      assertTrue(e.getMessage().startsWith("gs://faults/traj/data.bin: "), e.getMessage());
      assertTrue(e.getMessage().contains("503"), e.getMessage());
      long attempts = server.requests().stream().filter(MEDIA).count();
      assertEquals(3, attempts, "gcs.max-attempts=3 means three requests");

      server.clearFaults();
      server.inject(Request::isMetadataGet, Fault.SERVICE_UNAVAILABLE, 100);
      StoreException e2 = assertThrows(StoreException.class, () -> s.exists("data.bin"));
      assertEquals("gs://faults/traj/data.bin", e2.location());
      server.clearFaults();
      server.inject(r -> r.method().equals("POST"), Fault.DROP_CONNECTION, 100);
      StoreException e3 = assertThrows(StoreException.class, () -> s.write("w.bin", new byte[] {1}));
      assertEquals("gs://faults/traj/w.bin", e3.location());
      assertFalse(server.object("faults", "traj/w.bin").isPresent());
    }
  }
}
