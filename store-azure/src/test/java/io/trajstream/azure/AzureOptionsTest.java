package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.common.policy.RequestRetryOptions;
import io.trajstream.azure.AzureOptions.AuthMode;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.net.URI;
import io.trajstream.store.Backoff;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How options and the environment choose the credential, endpoint, retries and transfer sizes. */
class AzureOptionsTest {
  private static final String CS = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0S2V5VmFsdWU=;EndpointSuffix=core.windows.net";
  private static final Map<String, String> NO_ENV = Map.of();
  private static final Map<String, String> ENV_CS = Map.of(AzureOptions.ENV_CONNECTION_STRING, CS);

  private static AzureOptions parse(Map<String, String> options, Map<String, String> env) {
    return AzureOptions.parse(StoreConfig.of(options), env);
  }

  @Test
  void connectionStringOptionWinsOverEverything() {
    AzureOptions o =
        parse(Map.of(AzureOptions.CONNECTION_STRING, CS, AzureOptions.SAS_TOKEN, "sv=1&sig=abc", AzureOptions.ANONYMOUS, "true"), NO_ENV);
    assertEquals(AuthMode.CONNECTION_STRING, o.authMode());
    assertEquals(CS, o.connectionString().orElseThrow());
  }

  @Test
  void anonymousNeverUsesACredentialEvenWithTheEnvironmentVariable() {
    AzureOptions o = parse(Map.of(AzureOptions.ACCOUNT, "acct", AzureOptions.ANONYMOUS, "true"), ENV_CS);
    assertEquals(AuthMode.ANONYMOUS, o.authMode());
    assertEquals("https://acct.blob.core.windows.net", o.serviceEndpoint());
  }

  @Test
  void sasTokenLosesItsQuestionMark() {
    AzureOptions o = parse(Map.of(AzureOptions.ENDPOINT, "http://127.0.0.1:1/devstoreaccount1/", AzureOptions.SAS_TOKEN, "?sv=2024&sig=abc"), ENV_CS);
    assertEquals(AuthMode.SAS_TOKEN, o.authMode());
    assertEquals("sv=2024&sig=abc", o.sasToken().orElseThrow());
    assertEquals("http://127.0.0.1:1/devstoreaccount1", o.serviceEndpoint());
  }

  @Test
  void sharedKeyNeedsTheAccount() {
    assertEquals(
        AuthMode.SHARED_KEY,
        parse(Map.of(AzureOptions.ACCOUNT, "acct", AzureOptions.ACCOUNT_KEY, "a2V5"), NO_ENV).authMode());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(AzureOptions.ACCOUNT_KEY, "a2V5"), NO_ENV));
    assertFalse(e.getMessage().contains("a2V5"), e.getMessage());
  }

  @Test
  void environmentConnectionStringIsTheFallback() {
    AzureOptions o = parse(Map.of(), ENV_CS);
    assertEquals(AuthMode.CONNECTION_STRING, o.authMode());
    assertEquals(CS, o.connectionString().orElseThrow());
  }

  @Test
  void namingAnotherAccountSkipsTheEnvironmentAndUsesDefaultAzureCredential() {
    AzureOptions o = parse(Map.of(AzureOptions.ACCOUNT, "other"), ENV_CS);
    assertEquals(AuthMode.DEFAULT_CREDENTIAL, o.authMode());
    assertEquals("https://other.blob.core.windows.net", o.serviceEndpoint());
    assertEquals(AuthMode.DEFAULT_CREDENTIAL, parse(Map.of(AzureOptions.ACCOUNT, "other"), NO_ENV).authMode());
  }

  @Test
  void nothingToGoOnIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), NO_ENV));
    assertTrue(e.getMessage().contains(AzureOptions.ACCOUNT), e.getMessage());
    assertTrue(e.getMessage().contains(AzureOptions.ENV_CONNECTION_STRING), e.getMessage());
  }

  @Test
  void retriesAreSetExplicitly() {
    AzureOptions d = parse(Map.of(AzureOptions.ACCOUNT, "a"), NO_ENV);
    RequestRetryOptions r = AzureClients.singleTry(d);
    assertEquals(1, r.getMaxTries(), "the SDK's policy makes one try; AzureRetries decides on more");
    assertEquals(Duration.ofSeconds(120), r.getTryTimeoutDuration());
    AzureRetries retries = AzureClients.retries(d);
    assertEquals(4, retries.maxTries());
    assertEquals(new Backoff(Duration.ofMillis(400), Duration.ofSeconds(8)), retries.backoff());

    AzureOptions o =
        parse(
            Map.of(AzureOptions.ACCOUNT, "a", AzureOptions.MAX_TRIES, "7", AzureOptions.TRY_TIMEOUT_MS, "5000",
                AzureOptions.RETRY_DELAY_MS, "10", AzureOptions.MAX_RETRY_DELAY_MS, "20"),
            NO_ENV);
    assertEquals(Duration.ofSeconds(5), AzureClients.singleTry(o).getTryTimeoutDuration());
    assertEquals(7, AzureClients.retries(o).maxTries());
    assertEquals(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)), AzureClients.retries(o).backoff());

    assertThrows(IllegalArgumentException.class, () -> parse(Map.of(AzureOptions.ACCOUNT, "a", AzureOptions.MAX_TRIES, "0"), NO_ENV));
    assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(AzureOptions.ACCOUNT, "a", AzureOptions.RETRY_DELAY_MS, "100", AzureOptions.MAX_RETRY_DELAY_MS, "10"), NO_ENV));
  }

  @Test
  void bodyReadTimeoutDefaultsToThirtySecondsAndMustBePositive() {
    assertEquals(Duration.ofSeconds(30), parse(Map.of(AzureOptions.ACCOUNT, "a"), NO_ENV).readTimeout());
    assertEquals(Duration.ofMillis(1500),
        parse(Map.of(AzureOptions.ACCOUNT, "a", AzureOptions.READ_TIMEOUT_MS, "1500"), NO_ENV).readTimeout());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(AzureOptions.ACCOUNT, "a", AzureOptions.READ_TIMEOUT_MS, "0"), NO_ENV));
    assertTrue(e.getMessage().contains(AzureOptions.READ_TIMEOUT_MS), e.getMessage());
  }

  @Test
  void transferSizes() {
    AzureOptions d = parse(Map.of(AzureOptions.ACCOUNT, "a"), NO_ENV);
    assertEquals(16L << 20, d.singleUploadMax());
    assertEquals(8L << 20, d.blockSize());
    assertEquals(4, d.uploadConcurrency());
    assertEquals(3, d.downloadResumes());
  }

  @Test
  void secretsStayOutOfDescriptionsAndErrors() {
    AzureOptions o = parse(Map.of(AzureOptions.CONNECTION_STRING, CS), NO_ENV);
    assertFalse(o.toString().contains("c2VjcmV0S2V5VmFsdWU="), o.toString());
    StoreConfig config = StoreConfig.of(Map.of(AzureOptions.SAS_TOKEN, "sig=topsecret", AzureOptions.CONNECTION_STRING, CS));
    assertFalse(config.toString().contains("topsecret"));
    assertFalse(config.toString().contains("c2VjcmV0S2V5VmFsdWU="));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> parse(Map.of(AzureOptions.ENDPOINT, "https://a.blob.core.windows.net/?sig=topsecret"), NO_ENV));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void factoryParsesContainerAndPrefixWithoutAnyRequest() throws Exception {
    AzureStoreFactory f = new AzureStoreFactory(NO_ENV);
    StoreConfig account = StoreConfig.of(Map.of(AzureOptions.ACCOUNT, "acct"));
    try (Store s = f.create(URI.create("az://traj/runs/2024"), account)) {
      assertEquals("az://traj/runs/2024/", s.root());
      assertEquals("az://traj/runs/2024/a/b.h5", s.location("a/b.h5"));
    }
    try (Store s = f.create(URI.create("az://traj"), account)) {
      assertEquals("az://traj/", s.root());
    }
    assertThrows(IllegalArgumentException.class, () -> f.create(URI.create("s3://traj/x"), account));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> f.create(URI.create("az://traj/x?sig=topsecret#part"), account));
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> f.create(URI.create("az:///x"), account));
  }
}
