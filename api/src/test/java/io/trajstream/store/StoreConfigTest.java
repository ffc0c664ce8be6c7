package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.AnalysisParams;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.WriteOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
  static final String SECRET = "S3CR3T-VALUE";

  /** Keys whose values are secrets though no list of exact names holds them. */
  static final List<String> SECRET_KEYS = List.of("s3.secret-access-key", "azure.accountkey", "azure.account-key",
      "azure.AccountKey", "gcs.private_key", "http.bearer-token", "azure.sas", "x.SAS-TOKEN", "http.password",
      "gcs.credentials-file", "http.signature", "x.X-Amz-Signature", "azure.connection-string", "s3.access-key-id");

  @Test
  void everyKeyHoldingASecretMarkerIsMaskedInEveryPrintedForm() {
    for (String key : SECRET_KEYS) {
      StoreConfig c = StoreConfig.of(Map.of(key, SECRET, "s3.endpoint", "http://127.0.0.1:9000"));
      assertFalse(c.toString().contains(SECRET), c.toString());
      assertFalse(c.describe().toString().contains(SECRET), key);
      assertEquals("****", c.describe().get(key), key);
      assertTrue(c.toString().contains("s3.endpoint=http://127.0.0.1:9000"), c.toString());
      assertEquals(SECRET, c.get(key).orElseThrow(), "the backend still gets the value");
      IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> c.getBoolean(key, false));
      assertFalse(b.getMessage().contains(SECRET), b.getMessage());
      assertTrue(b.getMessage().contains(key), b.getMessage());
      IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> c.getLong(key, 0));
      assertFalse(n.getMessage().contains(SECRET), n.getMessage());
      assertTrue(n.getMessage().contains(key), n.getMessage());
    }
  }

  @Test
  void malformedEntriesNeverEchoWhatFollowsTheName() {
    for (String entry : List.of("s3.secret-access-key:" + SECRET, "azure.account-key " + SECRET,
        "azure.sas-token:" + SECRET, "=" + SECRET, "s3.endpoint:" + SECRET, "s3.secret-access-key" + SECRET)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreConfig.parse(List.of(entry)));
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
      assertTrue(e.getMessage().contains("is not key=value"), e.getMessage());
    }
    IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.parse(List.of("s3.secret-access-key:" + SECRET)));
    assertEquals("storage option 's3.secret-access-key:****' is not key=value", named.getMessage());
    IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.parse(List.of("s3.endpoint")));
    assertEquals("storage option 's3.endpoint' is not key=value", plain.getMessage());
  }

  @Test
  void anUnknownKeyIsAnErrorNamingTheClosestKnownKey() {
    Set<String> known = Set.of("azure.account", "azure.account-key", "azure.sas-token", "s3.endpoint",
        "s3.secret-access-key", "file.fsync");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.of(Map.of("azure.accountkey", SECRET)).requireKnown(known));
    assertEquals("unknown storage option 'azure.accountkey'; did you mean 'azure.account-key'?", e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.of(Map.of("s3.endpoitn", "x")).requireKnown(known)).getMessage()
        .endsWith("did you mean 's3.endpoint'?"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.of(Map.of("S3.Secret_Access_Key", SECRET)).requireKnown(known)).getMessage()
        .endsWith("did you mean 's3.secret-access-key'?"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StoreConfig.of(Map.of("file.fsync", "true", "x", "1")).requireKnown(Set.of())).getMessage()
        .startsWith("unknown storage option 'file.fsync'"));
    StoreConfig.of(Map.of("azure.account-key", SECRET, "file.fsync", "on")).requireKnown(known);
    StoreConfig.empty().requireKnown(Set.of());
  }

  @Test
  void readWriteAndAnalysisOptionsMaskSecretsToo() {
    for (Object o : List.of(ReadOptions.of(Map.of("http.token", SECRET, "group", "atoms")),
        WriteOptions.defaults().with("upload.sas", SECRET).with("chunk-frames", "2"),
        AnalysisParams.of(Map.of("api-key", SECRET, "ref", "0")))) {
      assertFalse(o.toString().contains(SECRET), o.toString());
      assertTrue(o.toString().contains("****"), o.toString());
      assertTrue(o.toString().contains("group=atoms") || o.toString().contains("chunk-frames=2")
          || o.toString().contains("ref=0"), o.toString());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReadOptions.of(Map.of("cache.key", SECRET)).getInt("cache.key", 1));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }
}
