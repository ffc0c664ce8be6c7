package io.trajstream.gcs;

import static io.trajstream.testkit.TestBytes.random;
import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.GoogleCredentials;
import io.trajstream.gcs.GcsTestServer.Request;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreFactory;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GCS-specific behaviour of the store, observed through the requests the test server receives. */
class GcsStoreTest {
  private GcsTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("bkt");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<Request> requests(java.util.function.Predicate<Request> p) {
    return server.requests().stream().filter(p).collect(Collectors.toList());
  }

  @Test
  void serviceLoaderFindsTheFactoryForGsAndGcs() throws Exception {
    StoreFactory found = null;
    for (StoreFactory f : ServiceLoader.load(StoreFactory.class)) {
      if (f.schemes().contains("gs")) {
        found = f;
      }
    }
    assertTrue(found instanceof GcsStoreFactory, "no gs:// factory registered");
    assertEquals(java.util.Set.of("gs", "gcs"), found.schemes());
    server.putObject("bkt", "run/a.bin", new byte[] {7, 8, 9});
    try (Store s = found.create(URI.create("gcs://bkt/run"), GcsTestSupport.config(server))) {
      assertEquals("gs://bkt/run/", s.root());
      assertArrayEquals(new byte[] {7, 8, 9}, s.readAll("a.bin"));
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> s.readAll("b.bin"));
      assertTrue(e.getMessage().contains("gs://bkt/run/b.bin"), e.getMessage());
    }
    try (Store whole = found.create(URI.create("gs://bkt"), GcsTestSupport.config(server))) {
      assertEquals("gs://bkt/", whole.root());
      assertArrayEquals(new byte[] {7, 8, 9}, whole.readAll("run/a.bin"));
    }
  }

  @Test
  void emulatorHostFromTheEnvironmentIsUsedWithoutCredentials() throws Exception {
    server.rejectAuthorization(true);
    String hostPort = server.endpoint().substring("http://".length());
    GcsStoreFactory factory = new GcsStoreFactory(Map.of(GcsOptions.EMULATOR_HOST_ENV, hostPort));
    try (Store s = factory.create(URI.create("gs://bkt/env"), StoreConfig.empty())) {
      s.write("x.bin", new byte[] {1, 2});
      assertArrayEquals(new byte[] {1, 2}, s.readAll("x.bin"));
    }
    assertTrue(server.requests().stream().allMatch(r -> r.header("Authorization") == null));
    assertTrue(server.object("bkt", "env/x.bin").isPresent());
  }

  @Test
  void anonymousSendsNoAuthorizationWhileCredentialsSendABearerToken() throws Exception {
    GcsOptions options = GcsOptions.from(GcsTestSupport.config(server).with(GcsOptions.ANONYMOUS, "false"), Map.of());
    GoogleCredentials token = new FixedTokenCredentials("test-token-5e3");
    try (Store s = new GcsStore(GcsClients.create(options, token), true, "bkt", "auth", options)) {
      s.write("t.bin", new byte[] {3});
      assertArrayEquals(new byte[] {3}, s.readAll("t.bin"));
    }
    assertFalse(server.requests().isEmpty());
    for (Request r : server.requests()) {
      assertEquals("Bearer test-token-5e3", r.header("Authorization"), r.method() + " " + r.path());
    }
    server.clearRequests();
    try (Store s = GcsTestSupport.open(server, "gs://bkt/auth")) {
      assertArrayEquals(new byte[] {3}, s.readAll("t.bin"));
      assertTrue(s.exists("t.bin"));
    }
    assertEquals(2, server.requests().size());
    for (Request r : server.requests()) {
      assertNull(r.header("Authorization"), r.method() + " " + r.path());
    }
    // A server refusing credentials: the error says what to do and never shows the token.
    server.rejectAuthorization(true);
    try (Store s = new GcsStore(GcsClients.create(options, token), true, "bkt", "auth", options)) {
      StoreException e = assertThrows(StoreException.class, () -> s.readAll("t.bin"));
      assertTrue(e.getMessage().startsWith("gs://bkt/auth/t.bin: access denied"), e.getMessage());
      assertFalse(e.getMessage().contains("test-token-5e3"), e.getMessage());
    }
  }

  @Test
  void smallWritesAreOneMultipartRequestLargerOnesResumable() throws Exception {
    StoreConfig cfg = GcsTestSupport.config(server)
        .with(GcsOptions.RESUMABLE_THRESHOLD, "1048576")
        .with(GcsOptions.RESUMABLE_CHUNK_SIZE, "262144");
    byte[] small = random(1_048_576, 1);
    byte[] large = random(1_048_577 + 300_000, 2);
    try (Store s = GcsTestSupport.open("gs://bkt/up", cfg)) {
      s.write("small.bin", small);
      List<Request> posts = requests(r -> r.method().equals("POST"));
      assertEquals(1, posts.size());
      assertEquals("multipart", posts.get(0).query().get("uploadType"));
      server.clearRequests();

      ByteBuffer direct = ByteBuffer.allocateDirect(large.length + 10);
      direct.position(5);
      direct.put(large);
      direct.position(5).limit(5 + large.length);
      s.write("large.bin", direct);
      assertEquals(5, direct.position(), "the caller's buffer must not move");
      List<Request> init = requests(r -> r.method().equals("POST"));
      assertEquals(1, init.size());
      assertEquals("resumable", init.get(0).query().get("uploadType"));
      List<Request> puts = requests(r -> r.method().equals("PUT"));
      assertEquals((large.length + 262_143) / 262_144, puts.size(), "one PUT per 256 KiB chunk");
      assertTrue(puts.get(0).header("Content-Range").startsWith("bytes 0-262143/"), puts.get(0).header("Content-Range"));
      assertEquals(200, puts.get(puts.size() - 1).status());
    }
    assertArrayEquals(small, server.object("bkt", "up/small.bin").orElseThrow());
    assertArrayEquals(large, server.object("bkt", "up/large.bin").orElseThrow());
  }

  @Test
  void readsAreExactRangesAndKnownLengthSkipsTheMetadataRequest() throws Exception {
    byte[] data = random(500_000, 3);
    server.putObject("bkt", "r/data.bin", data);
    try (Store s = GcsTestSupport.open(server, "gs://bkt/r")) {
      server.clearRequests();
      try (StoreInput in = s.newInput("data.bin", data.length)) {
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 1100), bytes(in.read(1000, 100)));
        assertArrayEquals(Arrays.copyOfRange(data, 0, 1), bytes(in.read(0, 1)));
        assertEquals(0, in.read(data.length, 0).remaining());
      }
      List<Request> seen = server.requests();
      assertEquals(2, seen.size(), "known length: no metadata request, no request for 0 bytes: " + seen);
      assertTrue(seen.stream().allMatch(Request::isMediaDownload));
      assertEquals("bytes=1000-1099", seen.get(0).header("Range"));
      assertEquals("bytes=0-0", seen.get(1).header("Range"));
      assertTrue(seen.get(0).path().startsWith("/download/storage/v1/b/bkt/o/"), seen.get(0).path());

      server.clearRequests();
      try (StoreInput in = s.newInput("data.bin")) {
        assertEquals(data.length, in.length());
        assertArrayEquals(Arrays.copyOfRange(data, 499_990, 500_000), bytes(in.read(499_990, 10)));
      }
      seen = server.requests();
      assertEquals(2, seen.size());
      assertTrue(seen.get(0).isMetadataGet());
      assertEquals(server.generation("bkt", "r/data.bin").orElseThrow().toString(), seen.get(1).query().get("generation"));
    }
  }

  @Test
  void anInputKeepsTheGenerationItOpened() throws Exception {
    server.putObject("bkt", "g/obj.bin", random(1000, 4));
    try (Store s = GcsTestSupport.open(server, "gs://bkt/g"); StoreInput pinned = s.newInput("obj.bin")) {
      byte[] v2 = random(1000, 5);
      s.write("obj.bin", v2);
      // the old version is gone: the pinned input never mixes bytes of two versions
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> pinned.read(0, 10));
      assertTrue(e.getMessage().contains("gs://bkt/g/obj.bin"), e.getMessage());
      try (StoreInput fresh = s.newInput("obj.bin")) {
        assertArrayEquals(Arrays.copyOf(v2, 10), bytes(fresh.read(0, 10)));
      }
    }
  }

  @Test
  void aTooLargeKnownLengthEndsInEof() throws Exception {
    server.putObject("bkt", "e/short.bin", random(100, 6));
    try (Store s = GcsTestSupport.open(server, "gs://bkt/e"); StoreInput in = s.newInput("short.bin", 200)) {
      EOFException past = assertThrows(EOFException.class, () -> in.read(150, 10));
      assertTrue(past.getMessage().contains("gs://bkt/e/short.bin"), past.getMessage());
      EOFException across = assertThrows(EOFException.class, () -> in.read(90, 20));
      assertTrue(across.getMessage().contains("gs://bkt/e/short.bin"), across.getMessage());
    }
  }

  @Test
  void missingBucketAndObjectAreFileNotFoundWithTheFullLocation() throws Exception {
    try (Store s = GcsTestSupport.open(server, "gcs://no-such-bucket/p")) {
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> s.readAll("k.bin"));
      assertTrue(e.getMessage().startsWith("gs://no-such-bucket/p/k.bin"), e.getMessage());
      assertThrows(FileNotFoundException.class, () -> s.newInput("k.bin"));
      assertFalse(s.exists("k.bin"));
      StoreInput in = s.newInput("k.bin", 10);
      FileNotFoundException e2 = assertThrows(FileNotFoundException.class, () -> in.read(0, 10));
      assertTrue(e2.getMessage().startsWith("gs://no-such-bucket/p/k.bin"), e2.getMessage());
    }
  }

  @Test
  void listingFollowsEveryPageAndSkipsFolderPlaceholders() throws Exception {
    server.maxPageSize(2);
    for (int i = 0; i < 7; i++) {
      server.putObject("bkt", "l/f" + i + ".bin", new byte[i]);
    }
    server.putObject("bkt", "l/dir/", new byte[0]);
    server.putObject("bkt", "other/x.bin", new byte[1]);
    try (Store s = GcsTestSupport.open(server, "gs://bkt/l")) {
      server.clearRequests();
      List<StoreEntry> all = s.list("").collect(Collectors.toList());
      assertEquals(7, all.size(), all.toString());
      for (int i = 0; i < 7; i++) {
        assertEquals(new StoreEntry("f" + i + ".bin", i), all.get(i));
      }
      List<Request> pages = server.requests();
      assertEquals(4, pages.size(), "8 objects at 2 per page");
      assertTrue(pages.stream().skip(1).allMatch(r -> r.query().containsKey("pageToken")));
      assertEquals("l/", pages.get(0).query().get("prefix"));
    }
  }

  @Test
  void badOptionsNameTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GcsTestSupport.open("gs://bkt/x", GcsTestSupport.config(server).with(GcsOptions.RESUMABLE_CHUNK_SIZE, "1000")));
    assertTrue(e.getMessage().contains(GcsOptions.RESUMABLE_CHUNK_SIZE), e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> GcsTestSupport.open("gs://bkt/x", GcsTestSupport.config(server).with(GcsOptions.MAX_ATTEMPTS, "zero")));
    assertTrue(e2.getMessage().contains(GcsOptions.MAX_ATTEMPTS), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GcsTestSupport.open("gs:///nobucket", GcsTestSupport.config(server)));
  }

  @Test
  void optionsComeFromConfigThenEnvironment() {
    GcsOptions env = GcsOptions.from(StoreConfig.empty(), Map.of(GcsOptions.EMULATOR_HOST_ENV, "localhost:4443"));
    assertEquals("http://localhost:4443", env.host().orElseThrow());
    assertTrue(env.anonymous(), "an emulator from the environment needs no credentials");
    GcsOptions explicit = GcsOptions.from(
        StoreConfig.of(Map.of(GcsOptions.HOST, "https://gcs.example/", GcsOptions.PROJECT, "proj-1")),
        Map.of(GcsOptions.EMULATOR_HOST_ENV, "localhost:4443"));
    assertEquals("https://gcs.example", explicit.host().orElseThrow());
    assertEquals("proj-1", explicit.project().orElseThrow());
    assertFalse(explicit.anonymous(), "an explicit host keeps Application Default Credentials");
    GcsOptions defaults = GcsOptions.from(StoreConfig.empty(), Map.of());
    assertTrue(defaults.host().isEmpty());
    assertFalse(defaults.anonymous());
    assertEquals(6, defaults.maxAttempts());
    assertEquals(6, GcsClients.retrySettings(defaults).getMaxAttempts());
    assertEquals(defaults.retryTotalTimeout(), GcsClients.retrySettings(defaults).getTotalTimeoutDuration());
  }
}
