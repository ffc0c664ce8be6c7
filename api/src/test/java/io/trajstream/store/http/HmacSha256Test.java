package io.trajstream.store.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** SHA-256 and HMAC-SHA256 give what the JDK's give, on every length across the padding boundaries. */
class HmacSha256Test {
  @Test
  void publishedVector() {
    org.junit.jupiter.api.Assertions.assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        java.util.HexFormat.of().formatHex(HmacSha256.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
  }

  @Test
  void digestsAndMacsAreTheJdks() throws Exception {
    Random rnd = new Random(256);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Mac mac = Mac.getInstance("HmacSHA256");
    for (int n = 0; n <= 300; n++) {
      byte[] data = new byte[n];
      rnd.nextBytes(data);
      assertArrayEquals(sha.digest(data), HmacSha256.sha256(data), "SHA-256 of " + n + " bytes");
      byte[] key = new byte[n % 100 + 1]; // short keys and keys longer than a block
      rnd.nextBytes(key);
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      assertArrayEquals(mac.doFinal(data), HmacSha256.hmac(key, data), "HMAC of " + n + " bytes, key of " + key.length);
    }
  }
}
