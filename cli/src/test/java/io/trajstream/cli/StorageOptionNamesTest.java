package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Storage options are checked against the names the installed stores declare: a misspelt key is a
 * usage error naming the closest real one, and its value (maybe a secret) is never printed.
 */
class StorageOptionNamesTest {
  static final String SECRET = "c2VjcmV0LWFjY291bnQta2V5";

  static String file() {
    return TestEnvironment.requireSharedData().resolve("mdanalysis/coordinates/test.h5md").toString();
  }

  @Test
  void aMisspeltKeyNamesTheClosestDeclaredKey() {
    CliRun r = CliRun.of("info", "--storage-option", "azure.accountkey=" + SECRET, file());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("trajstream: unknown storage option 'azure.accountkey'; did you mean 'azure.account-key'?",
        r.err().lines().findFirst().orElse(""));
    assertFalse((r.out() + r.err()).contains(SECRET), r.err());
  }

  @Test
  void declaredKeysOfEveryInstalledStoreAreAccepted() {
    CliRun r = CliRun.of("info", "--storage-option", "file.fsync=false", "--storage-option", "s3.region=eu-west-1",
        "--storage-option", "azure.max-tries=2", "--storage-option", "gcs.max-attempts=2",
        "--storage-option", "http.retries=1", file());
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void aMalformedSecretOptionIsNotEchoed() {
    CliRun r = CliRun.of("info", "--storage-option", "s3.secret-access-key:" + SECRET, file());
    assertEquals(2, r.exitCode(), r.err());
    assertFalse((r.out() + r.err()).contains(SECRET), r.err());
    assertTrue(r.err().contains("s3.secret-access-key:****"), r.err());
  }
}
