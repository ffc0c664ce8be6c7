package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our SHA-256 and HMAC-SHA-256 equal the JDK's on every length around the block boundaries, and the published "abc" vector. */
class Sha256Test {
  @Test
  void publishedVector() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void equalsTheJdkOnEveryLengthUpTo300AndLongKeys() throws Exception {
    Random random = new Random(7);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    for (int n = 0; n <= 300; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      assertArrayEquals(jdk.digest(data), Sha256.digest(data), "length " + n);
      byte[] key = new byte[n % 100 + (n > 200 ? 60 : 0)];
      random.nextBytes(key);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      byte[] k = key.length == 0 ? new byte[1] : key;
      assertArrayEquals(mac.doFinal(data), Sha256.hmac(k, data), "hmac, length " + n);
    }
  }
}
