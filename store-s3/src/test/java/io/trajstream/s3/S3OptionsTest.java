package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.StoreConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3OptionsTest {
  @Test
  void toStringShowsTheSettingsButNeverTheCredentials() {
    S3Options o = S3Options.from(StoreConfig.of(Map.of("s3.endpoint", "http://127.0.0.1:9000",
        "s3.access-key-id", "AKIDEXAMPLE", "s3.secret-access-key", "wJalrXUtnFEMIEXAMPLEKEY",
        "s3.session-token", "FQoGZXIvYXdzEXAMPLETOKEN", "s3.region", "eu-west-1")));
    String s = o.toString();
    for (String secret : new String[] {"AKIDEXAMPLE", "wJalrXUtnFEMIEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLETOKEN"}) {
      assertFalse(s.contains(secret), s);
    }
    assertTrue(s.contains("accessKeyId=Optional[****]") && s.contains("secretAccessKey=Optional[****]")
        && s.contains("sessionToken=Optional[****]"), s);
    assertTrue(s.contains("endpoint=Optional[http://127.0.0.1:9000]") && s.contains("region=Optional[eu-west-1]"), s);
    assertEquals("wJalrXUtnFEMIEXAMPLEKEY", o.secretAccessKey().orElseThrow(), "the client still gets it");
    assertEquals(URI.create("http://127.0.0.1:9000"), o.endpoint().orElseThrow());
    assertTrue(S3Options.from(StoreConfig.empty()).toString().contains("secretAccessKey=Optional.empty"));
  }

  @Test
  void everyKeyTheOptionsReadIsDeclaredByTheFactory() {
    assertEquals(S3Options.NAMES, new S3StoreFactory().optionNames());
    for (String key : S3Options.NAMES) {
      assertTrue(key.startsWith("s3."), key);
    }
  }
}
