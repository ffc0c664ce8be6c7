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
import org.junit.jupiter.api.Test;

/**
 * Without {@code gcs.anonymous}, the store uses Application Default Credentials. The build points
 * {@code GOOGLE_APPLICATION_CREDENTIALS} at a file this test fills with a throw-away service
 * account whose {@code token_uri} is the test server: the client signs a JWT, trades it for an
 * access token there, and sends that token on every storage request.
 */
class GcsApplicationDefaultCredentialsTest {
  @Test
  void serviceAccountFromTheEnvironmentAuthorizesEveryRequest() throws Exception {
    String adc = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    if (adc == null || adc.isBlank()) {
      TestEnvironment.missing("GOOGLE_APPLICATION_CREDENTIALS is not set (the module's surefire setup sets it)");
    }
    try (GcsTestServer server = GcsTestServer.start()) {
      server.createBucket("adc");
      writeServiceAccount(Path.of(adc), server.endpoint() + "/token");
      StoreConfig cfg = StoreConfig.of(Map.of(GcsOptions.HOST, server.endpoint()));
      try (Store s = GcsTestSupport.open("gs://adc/p", cfg)) {
        s.write("a.bin", new byte[] {4, 2});
        assertArrayEquals(new byte[] {4, 2}, s.readAll("a.bin"));
        assertTrue(s.exists("a.bin"));
      }
      List<String> tokens = server.issuedTokens();
      assertFalse(tokens.isEmpty(), "no token was requested from token_uri");
      List<GcsTestServer.Request> storage = server.requests().stream()
          .filter(r -> !r.path().equals("/token")).collect(Collectors.toList());
      assertEquals(4, storage.size()); // the write looks up the generation first (its precondition)
      for (GcsTestServer.Request r : storage) {
        String auth = r.header("Authorization");
        assertTrue(auth != null && tokens.contains(auth.substring("Bearer ".length())), r + " had " + auth);
      }
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
