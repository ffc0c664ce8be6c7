package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without {@code gcs.anonymous}, the store uses Application Default Credentials, for the client's
 * requests and for reads sent without it alike. The build points
 * {@code GOOGLE_APPLICATION_CREDENTIALS} at a file this test fills with a throw-away service
 * account whose {@code token_uri} is the test server: the client signs a JWT, trades it for an
 * access token there, and sends that token on every storage request.
 */
class GcsApplicationDefaultCredentialsTest {
  // one server for the class: google-auth-library keeps the Application Default Credentials it
  // found (so their token_uri) for the life of the JVM
  private static GcsTestServer server;

  @BeforeAll
  static void start() throws Exception {
    String adc = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    if (adc == null || adc.isBlank()) {
      TestEnvironment.missing("GOOGLE_APPLICATION_CREDENTIALS is not set (the module's surefire setup sets it)");
    }
    server = GcsTestServer.start();
    server.createBucket("adc");
    writeServiceAccount(Path.of(adc), server.endpoint() + "/token");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void forget() {
    server.clearRequests();
  }

  @Test
  void serviceAccountFromTheEnvironmentAuthorizesEveryRequest() throws Exception {
    int tokensBefore = server.issuedTokens().size();
    StoreConfig cfg = StoreConfig.of(Map.of(GcsOptions.HOST, server.endpoint()));
    try (Store s = GcsTestSupport.open("gs://adc/p", cfg)) {
      s.write("a.bin", new byte[] {4, 2});
      assertArrayEquals(new byte[] {4, 2}, s.readAll("a.bin"));
      assertTrue(s.exists("a.bin"));
    }
    List<String> tokens = server.issuedTokens();
    assertTrue(tokens.size() > tokensBefore, "no token was requested from token_uri");
    List<GcsTestServer.Request> storage = server.requests().stream()
        .filter(r -> !r.path().equals("/token")).collect(Collectors.toList());
    assertEquals(4, storage.size()); // the write looks up the generation first (its precondition)
    for (GcsTestServer.Request r : storage) {
      String auth = r.header("Authorization");
      assertTrue(auth != null && tokens.contains(auth.substring("Bearer ".length())), r + " had " + auth);
    }
  }

  @Test
  void aReadOnlyUseSendsTheTokenWithoutBuildingTheClient() throws Exception {
    int tokensBefore = server.issuedTokens().size();
    byte[] data = new byte[3000];
    new java.util.Random(7).nextBytes(data);
    server.putObject("adc", "r/a b.bin", data);
    StoreConfig cfg = StoreConfig.of(Map.of(GcsOptions.HOST, server.endpoint()));
    try (GcsStore s = (GcsStore) GcsTestSupport.open("gs://adc/r", cfg)) {
      try (io.trajstream.store.StoreInput in = s.newInput("a b.bin")) {
        java.nio.ByteBuffer b = in.read(1000, 500);
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 1500), got);
      }
      assertArrayEquals(data, s.readAll("a b.bin"));
      assertTrue(s.exists("a b.bin"));
      assertFalse(s.clientAsked(), "a read-only use built the google-cloud-storage client");
    }
    List<String> tokens = server.issuedTokens().subList(tokensBefore, server.issuedTokens().size());
    assertEquals(1, tokens.size(), "one token serves every read: " + tokens);
    List<GcsTestServer.Request> storage = server.requests().stream()
        .filter(r -> !r.path().equals("/token")).collect(Collectors.toList());
    assertEquals(4, storage.size(), storage.toString()); // metadata, ranged, whole, exists
    for (GcsTestServer.Request r : storage) {
      assertEquals("Bearer " + tokens.get(0), r.header("Authorization"), r.toString());
    }
  }

  private static void writeServiceAccount(Path file, String tokenUri) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    com.google.gson.JsonObject sa = new com.google.gson.JsonObject();
    sa.addProperty("type", "service_account");
    sa.addProperty("project_id", "trajstream-test");
    sa.addProperty("private_key_id", "test-key-1");
    sa.addProperty("private_key", pem);
    sa.addProperty("client_email", "tester@trajstream-test.iam.gserviceaccount.com");
    sa.addProperty("client_id", "1234567890");
    sa.addProperty("token_uri", tokenUri);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sa.toString());
  }
}
