package io.trajstream.gcs;

import static io.trajstream.testkit.TestBytes.random;
import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.gcs.GcsTestServer.Request;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads without google-cloud-storage ({@link GcsDirectReads}) against the GCS test server: an
 * anonymous read-only use never builds the client and gets the right bytes (ranged, whole, a name
 * that needs percent-encoding), an opened input stays on its generation and says so when it is
 * gone, and the client sends every request when asked to. With credentials:
 * {@link GcsApplicationDefaultCredentialsTest}.
 */
class GcsDirectReadsTest {
  /** Slashes, spaces, reserved and non-ASCII characters: each must reach the server as sent. */
  private static final String ODD_NAME = "dir one/a b+c%d#e?f&g=h;ü~(1).bin";

  private GcsTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("bkt");
    server.rejectAuthorization(true);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GcsStore open(String url, Map<String, String> extra) throws Exception {
    Map<String, String> options = new HashMap<>(GcsTestSupport.settings(server));
    options.putAll(extra);
    return (GcsStore) new GcsStoreFactory(Map.of()).create(URI.create(url), StoreConfig.of(options));
  }

  private static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void aReadOnlyUseBuildsNoClientAndReadsTheRightBytes() throws Exception {
    byte[] data = random(300_000, 1);
    server.putObject("bkt", "run/" + ODD_NAME, data);
    try (GcsStore s = open("gs://bkt/run", Map.of())) {
      assertNotNull(s.direct());
      server.clearRequests();
      try (StoreInput in = s.newInput(ODD_NAME)) {
        assertEquals(data.length, in.length());
        assertArrayEquals(Arrays.copyOfRange(data, 123_456, 123_456 + 70_000), bytes(in.read(123_456, 70_000)));
        assertArrayEquals(Arrays.copyOfRange(data, data.length - 5, data.length), bytes(in.read(data.length - 5, 5)));
      }
      try (StoreInput in = s.newInput(ODD_NAME, data.length)) {
        assertArrayEquals(Arrays.copyOf(data, 17), bytes(in.read(0, 17)));
      }
      assertArrayEquals(data, s.readAll(ODD_NAME));
      assertTrue(s.exists(ODD_NAME));
      assertFalse(s.exists("absent.bin"));
      ObjectStat stat = s.stat(ODD_NAME).orElseThrow();
      assertEquals(data.length, stat.size());
      assertEquals(md5Hex(data), stat.checksum());
      assertTrue(s.stat("absent.bin").isEmpty());
      FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> s.readAll("absent.bin"));
      assertTrue(missing.getMessage().contains("gs://bkt/run/absent.bin: no such object"), missing.getMessage());

      assertFalse(s.clientAsked(), "a read-only use built the google-cloud-storage client");
      List<Request> seen = server.requests();
      String encoded = "dir%20one%2Fa%20b%2Bc%25d%23e%3Ff%26g%3Dh%3B%C3%BC~%281%29.bin";
      for (Request r : seen) {
        assertEquals("GET", r.method(), r.toString());
        assertTrue(r.status() == 200 || r.status() == 206 || r.status() == 404, r.toString());
        if (!r.path().endsWith("absent.bin")) {
          assertTrue(r.path().endsWith("/o/run%2F" + encoded), r.path());
        }
      }
      // open: metadata then two pinned ranges; known length: one unpinned range; whole; exists x2; stat x2; missing
      assertEquals(10, seen.size(), seen.toString());
      String generation = server.generation("bkt", "run/" + ODD_NAME).orElseThrow().toString();
      assertTrue(seen.get(0).isMetadataGet());
      assertEquals(generation, seen.get(1).query().get("generation"));
      assertEquals("bytes=123456-193455", seen.get(1).header("Range"));
      assertEquals(generation, seen.get(2).query().get("generation"));
      assertNull(seen.get(3).query().get("generation"), "a known-length input is not pinned");
      assertNull(seen.get(4).header("Range"), "readAll is one whole download");

      // a listing needs the client: built now, on first use
      assertEquals(List.of(new StoreEntry(ODD_NAME, data.length)), s.list("").toList());
      assertTrue(s.clientAsked());
    }
  }

  @Test
  void aGenerationChangeBetweenReadsIsTheChangedError() throws Exception {
    byte[] v1 = random(5000, 2);
    byte[] v2 = random(5000, 3);
    server.putObject("bkt", "g/obj.bin", v1);
    try (GcsStore s = open("gs://bkt/g", Map.of()); StoreInput in = s.newInput("obj.bin")) {
      assertArrayEquals(Arrays.copyOf(v1, 100), bytes(in.read(0, 100)));
      long first = server.generation("bkt", "g/obj.bin").orElseThrow();
      server.putObject("bkt", "g/obj.bin", v2);
      assertTrue(server.generation("bkt", "g/obj.bin").orElseThrow() != first);
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> in.read(100, 100));
      assertTrue(e.getMessage().startsWith("gs://bkt/g/obj.bin: "), e.getMessage());
      assertTrue(e.getMessage().contains("generation " + first + " is gone, the object changed or was deleted"
          + " while it was being read; open it again"), e.getMessage());
      try (StoreInput again = s.newInput("obj.bin")) {
        assertArrayEquals(Arrays.copyOfRange(v2, 100, 200), bytes(again.read(100, 100)));
      }
      assertFalse(s.clientAsked());
    }
  }

  @Test
  void theClientSendsEveryRequestWhenAskedTo() throws Exception {
    byte[] data = random(1000, 4);
    server.putObject("bkt", "c/obj.bin", data);
    try (GcsStore s = open("gs://bkt/c", Map.of(GcsOptions.DIRECT_READS, "false"))) {
      assertNull(s.direct());
      assertArrayEquals(data, s.readAll("obj.bin"));
      assertTrue(s.clientAsked());
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> open("gs://bkt/c", Map.of(GcsOptions.DIRECT_READS, "sometimes")));
    assertTrue(bad.getMessage().contains(GcsOptions.DIRECT_READS), bad.getMessage());
  }

  @Test
  void theOptionAloneDecidesAndAnEmulatorFromTheEnvironmentIsReadDirectly() {
    GcsOptions off = GcsOptions.from(StoreConfig.of(Map.of(GcsOptions.DIRECT_READS, "false")), Map.of());
    assertTrue(GcsDirectReads.of(off, "bkt", null).isEmpty());
    GcsOptions emulator = GcsOptions.from(StoreConfig.of(Map.of()), Map.of(GcsOptions.EMULATOR_HOST_ENV, "localhost:1"));
    assertTrue(emulator.anonymous() && emulator.directReads());
    assertTrue(GcsDirectReads.of(emulator, "bkt", null).isPresent());
  }

  @Test
  void objectUrlsEncodeTheNameAsOneSegmentAndPinTheGeneration() {
    var uris = GcsDirectReads.uris("https://storage.example/", "my-bucket");
    assertEquals("https://storage.example/storage/v1/b/my-bucket/o/a%2Fb%20c?fields=size,generation,md5Hash",
        uris.apply("a/b c\nmetadata").toString());
    assertEquals("https://storage.example/download/storage/v1/b/my-bucket/o/a%2Fb%20c?alt=media&generation=42",
        uris.apply("a/b c\nmedia:42").toString());
    assertEquals("https://storage.example/download/storage/v1/b/my-bucket/o/x?alt=media",
        uris.apply("x\nmedia").toString());
  }
}
