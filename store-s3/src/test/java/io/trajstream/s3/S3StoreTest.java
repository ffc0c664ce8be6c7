package io.trajstream.s3;

import static io.trajstream.testkit.TestBytes.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreFactory;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S3-specific behaviour against an embedded S3Proxy that checks SigV4 signatures. */
class S3StoreTest {
  private static final int MIB = 1024 * 1024;
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static String uniqueRoot() {
    return "s3://" + S3ProxyServer.BUCKET + "/t-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  private static Store open(String url, Map<String, String> extra) {
    Map<String, String> m = new TreeMap<>(server.options(server.endpoint()));
    m.putAll(extra);
    return new S3StoreFactory().create(URI.create(url), StoreConfig.of(m));
  }

  @Test
  void foundThroughServiceLoaderForS3Urls() {
    List<String> schemes = new ArrayList<>();
    for (StoreFactory f : ServiceLoader.load(StoreFactory.class)) {
      if (f instanceof S3StoreFactory) {
        schemes.addAll(f.schemes());
      }
    }
    assertEquals(List.of("s3"), schemes);
  }

  @Test
  void rootAndKeysLiveBelowTheUrlPrefix() throws Exception {
    String root = uniqueRoot();
    try (Store store = open(root + "sub", Map.of());
        Store parent = open(root, Map.of())) {
      assertEquals(root + "sub/", store.root());
      store.write("a/b.bin", new byte[] {1, 2, 3});
      assertArrayEquals(new byte[] {1, 2, 3}, parent.readAll("sub/a/b.bin"));
      assertEquals(List.of("a/b.bin"), store.list("").map(StoreEntry::key).collect(Collectors.toList()));
      assertThrows(IllegalArgumentException.class, () -> store.readAll("../escape.bin"));
    }
  }

  @Test
  void listingFollowsContinuationPages() throws Exception {
    try (Store store = open(uniqueRoot(), Map.of("s3.list-page-size", "3"))) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String key = "page/k" + (char) ('a' + (9 - i)) + ".bin";
        store.write(key, new byte[i]);
        expected.add(key);
      }
      expected.sort(null);
      List<StoreEntry> got = store.list("page/").collect(Collectors.toList());
      assertEquals(expected, got.stream().map(StoreEntry::key).collect(Collectors.toList()),
          "10 keys with 3 per page need 4 pages");
      assertEquals(9L, got.get(0).length(), "page/ka.bin was written with 9 bytes");
    }
  }

  @Test
  void largeObjectsGoUpInPartsAndReadBackEqual() throws Exception {
    Map<String, String> small = Map.of("s3.multipart-threshold", String.valueOf(6 * MIB), "s3.part-size", String.valueOf(5 * MIB));
    try (Store store = open(uniqueRoot(), small)) {
      byte[] data = random(12 * MIB + 1, 3);
      store.write("big.bin", data);
      assertArrayEquals(data, store.readAll("big.bin"));
      S3Store s3 = (S3Store) store;
      String etag = s3.client().headObject(b -> b.bucket(s3.bucket()).key(s3.objectKey("big.bin"))).eTag();
      assertTrue(etag.replace("\"", "").endsWith("-3"), "a 3-part upload's ETag ends with -3: " + etag);
      byte[] below = random(6 * MIB, 4);
      store.write("single.bin", below);
      String etag1 = s3.client().headObject(b -> b.bucket(s3.bucket()).key(s3.objectKey("single.bin"))).eTag();
      assertFalse(etag1.contains("-"), "a single PUT: " + etag1);
      assertArrayEquals(below, store.readAll("single.bin"));
    }
  }

  @Test
  void knownLengthSkipsTheHeadRequest() throws Exception {
    try (Store store = open(uniqueRoot(), Map.of())) {
      // no HEAD: opening a missing key with a known length cannot fail; the first read does
      StoreInput in = store.newInput("missing.bin", 10);
      assertEquals(10, in.length());
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> in.read(0, 4));
      assertTrue(e.getMessage().contains(store.root() + "missing.bin"), e.getMessage());
      assertThrows(FileNotFoundException.class, () -> store.newInput("missing.bin"));
    }
  }

  @Test
  void aKnownLengthPastTheRealEndGivesEof() throws Exception {
    try (Store store = open(uniqueRoot(), Map.of())) {
      store.write("short.bin", new byte[100]);
      StoreInput in = store.newInput("short.bin", 200);
      assertThrows(EOFException.class, () -> in.read(50, 100));
      assertThrows(EOFException.class, () -> in.read(150, 10));
    }
  }

  @Test
  void anObjectReplacedAfterOpeningIsReportedNotMixed() throws Exception {
    try (Store store = open(uniqueRoot(), Map.of())) {
      store.write("v.bin", random(10_000, 1));
      StoreInput in = store.newInput("v.bin");
      store.write("v.bin", random(10_000, 2));
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 100));
      assertTrue(e.getMessage().contains("changed"), e.getMessage());
      assertTrue(e.getMessage().contains(store.root() + "v.bin"), e.getMessage());
    }
  }

  @Test
  void wrongSecretIsAccessDeniedWithoutLeakingIt() throws Exception {
    String secret = "wrong-" + UUID.randomUUID();
    try (Store store = open(uniqueRoot(), Map.of("s3.secret-access-key", secret))) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertTrue(e.getMessage().contains("access denied"), e.getMessage());
      assertTrue(e.getMessage().contains(store.root() + "x.bin"), e.getMessage());
      assertFalse(e.getMessage().contains(secret), "the secret must never be printed");
      StoreException w = assertThrows(StoreException.class, () -> store.write("x.bin", new byte[1]));
      assertTrue(w.getMessage().contains("access denied"), w.getMessage());
      assertFalse(store.toString().contains(secret));
    }
  }

  @Test
  void missingBucketIsFileNotFound() throws Exception {
    try (Store store = open("s3://no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8) + "/p", Map.of())) {
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> store.readAll("k.bin"));
      assertTrue(e.getMessage().contains("no such bucket"), e.getMessage());
      assertFalse(store.exists("k.bin"));
    }
  }

  @Test
  void anonymousRequestsAreUnsignedAndNeverUseTheCredentialChain() throws Exception {
    String root = uniqueRoot();
    try (Store signed = open(root, Map.of())) {
      signed.write("public.bin", new byte[] {7});
    }
    // Put valid credentials where the SDK's default chain looks first (system properties).
    System.setProperty("aws.accessKeyId", server.identity());
    System.setProperty("aws.secretAccessKey", server.credential());
    try {
      Map<String, String> anonymous = new TreeMap<>(Map.of(
          "s3.endpoint", server.endpoint().toString(), "s3.region", "us-east-1", "s3.anonymous", "true"));
      try (Store anon = new S3StoreFactory().create(URI.create(root), StoreConfig.of(anonymous))) {
        StoreException e = assertThrows(StoreException.class, () -> anon.readAll("public.bin"));
        assertTrue(e.getMessage().contains("access denied"), e.getMessage());
        assertTrue(e.getMessage().contains(root + "public.bin"), e.getMessage());
      }
      Map<String, String> chain = new TreeMap<>(Map.of("s3.endpoint", server.endpoint().toString(), "s3.region", "us-east-1"));
      try (Store viaChain = new S3StoreFactory().create(URI.create(root), StoreConfig.of(chain))) {
        assertArrayEquals(new byte[] {7}, viaChain.readAll("public.bin"), "the default chain finds the system properties");
      }
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void anonymousRequestsAreServedWhenTheServerNeedsNoSignature() throws Exception {
    try (S3ProxyServer open = S3ProxyServer.withoutAuthentication();
        Store store = new S3StoreFactory().create(
            URI.create("s3://" + S3ProxyServer.BUCKET + "/anon/"), open.config())) {
      assertEquals("true", open.config().get("s3.anonymous").orElseThrow());
      byte[] data = random(300_000, 5);
      store.write("a.bin", data);
      assertArrayEquals(data, store.readAll("a.bin"));
      try (StoreInput in = store.newInput("a.bin")) {
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 2000), in.read(1000, 1000).array());
      }
      assertEquals(List.of("a.bin"), store.list("").map(StoreEntry::key).collect(Collectors.toList()));
    }
  }

  @Test
  void noCredentialsAnywhereSaysWhatToSet() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
        && System.getenv("AWS_PROFILE") == null && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null,
        "AWS credentials are set in this environment");
    Map<String, String> props = Map.of(
        "aws.disableEc2Metadata", "true",
        "aws.sharedCredentialsFile", "/nonexistent/credentials",
        "aws.configFile", "/nonexistent/config");
    props.forEach(System::setProperty);
    try (Store store = new S3StoreFactory().create(URI.create(uniqueRoot()),
        StoreConfig.of(Map.of("s3.endpoint", server.endpoint().toString(), "s3.region", "us-east-1")))) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("k.bin"));
      assertTrue(e.getMessage().contains("no AWS credentials found"), e.getMessage());
      assertTrue(e.getMessage().contains(store.root() + "k.bin"), e.getMessage());
    } finally {
      props.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void badOptionsNameTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> S3Options.from(StoreConfig.of(Map.of("s3.part-size", "1000"))));
    assertTrue(e.getMessage().contains("s3.part-size"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> S3Options.from(StoreConfig.of(Map.of("s3.retry-mode", "legacy"))));
    assertTrue(e.getMessage().contains("s3.retry-mode"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> S3Options.from(StoreConfig.of(Map.of("s3.endpoint", "localhost:9000"))));
    assertTrue(e.getMessage().contains("s3.endpoint"), e.getMessage());
    S3Options d = S3Options.from(StoreConfig.of(Map.of("s3.endpoint", "http://127.0.0.1:1")));
    assertTrue(d.pathStyle(), "path-style by default with a custom endpoint");
    assertFalse(S3Options.from(StoreConfig.empty()).pathStyle());
    assertTrue(S3Options.from(StoreConfig.empty()).adaptiveRetries());
  }

  @Test
  void noBucketIsABadUrl() {
    assertThrows(IllegalArgumentException.class,
        () -> new S3StoreFactory().create(URI.create("s3:///p"), server.config()));
  }
}
