package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads without the SDK against an S3Proxy that checks SigV4 signatures: signed HEAD and GETs
 * are accepted (keys that need percent-encoding included), a read-only use never builds the SDK
 * client, a bad secret is "access denied" without the secret in the message, and the store falls
 * back to the SDK when asked to or when the credentials come from elsewhere.
 */
class S3DirectReadsTest {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static S3Store open(Map<String, String> extra) {
    String root = "s3://" + S3ProxyServer.BUCKET + "/direct-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    return (S3Store) new S3StoreFactory().create(URI.create(root), configOf(extra));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void signedReadsNeedNoSdkClient() throws Exception {
    byte[] data = random(300_000);
    String key = "dir with space/ünï+cödé=1.bin";
    try (S3Store writer = open(Map.of())) {
      writer.write(key, ByteBuffer.wrap(data));
      try (S3Store reader = (S3Store) new S3StoreFactory().create(URI.create(writer.root()), configOf(Map.of()))) {
        assertNotNull(reader.direct());
        assertEquals(data.length, reader.newInput(key).length());
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 201_000),
            toArray(reader.newInput(key).read(1000, 200_000)));
        assertArrayEquals(data, reader.readAll(key));
        assertTrue(reader.exists(key));
        assertFalse(reader.exists("absent.bin"));
        assertEquals(data.length, reader.stat(key).orElseThrow().size());
        assertTrue(reader.stat("absent.bin").isEmpty());
        assertFalse(reader.holder().built(), "a read-only use built the SDK client");
        reader.list("").count(); // lists go through the SDK
        assertTrue(reader.holder().built());
      }
    }
  }

  private static StoreConfig configOf(Map<String, String> extra) {
    Map<String, String> m = new TreeMap<>(server.options(server.endpoint()));
    m.putAll(extra);
    return StoreConfig.of(m);
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void aWrongSecretIsAccessDeniedWithoutTheSecret() throws Exception {
    String wrong = "wrong-" + UUID.randomUUID();
    try (S3Store store = open(Map.of("s3.secret-access-key", wrong))) {
      assertNotNull(store.direct());
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("any.bin"));
      assertTrue(e.getMessage().contains("access denied"), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertFalse(e.getMessage().contains(server.credential()), e.getMessage());
    }
  }

  @Test
  void directReadsCanBeTurnedOffAndNeedGivenCredentialsAndRegion() throws Exception {
    try (S3Store store = open(Map.of("s3.direct-reads", "false"))) {
      assertNull(store.direct());
    }
    S3Options noKeys = S3Options.from(StoreConfig.of(Map.of("s3.region", "eu-west-1")));
    assertTrue(S3DirectReads.of(noKeys, "b", Map.of()).isEmpty(), "credentials from the SDK's chain");
    assertTrue(S3DirectReads.of(noKeys, "b", Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s"))
        .isPresent(), "credentials from the environment");
    S3Options noRegion = S3Options.from(StoreConfig.of(Map.of("s3.anonymous", "true")));
    assertTrue(S3DirectReads.of(noRegion, "b", Map.of()).isEmpty() == (System.getProperty("aws.region") == null),
        "no region known: the SDK's chain");
    S3Options profile = S3Options.from(StoreConfig.of(Map.of("s3.region", "eu-west-1", "s3.profile", "p")));
    assertTrue(S3DirectReads.of(profile, "b", Map.of()).isEmpty(), "a profile: the SDK's chain");
  }

  @Test
  void pathsAreEncodedAsS3CanonicalisesThem() {
    assertEquals("a/b%20c/%C3%BC%2B%3D~_-.x", SigV4.encodePath("a/b c/ü+=~_-.x"));
  }
}
