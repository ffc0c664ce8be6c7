package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads without the SDK against Azurite, which checks shared-key signatures and SAS tokens: signed
 * properties requests and downloads are accepted (names that need percent-encoding included, and a
 * ranged read pinned with If-Match), a read-only use never builds the SDK client, a wrong key is
 * "access denied" without a key in the message, and the store keeps the SDK when asked to or when
 * only the SDK can authorise (Azure AD).
 */
class AzureDirectReadsTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "direct-reads";

  @BeforeAll
  static void arrange() {
    AZURITE.server().createContainer(CONTAINER);
  }

  private static AzureStore open(String prefix, Map<String, String> options) {
    return (AzureStore) new AzureStoreFactory(Map.of())
        .create(URI.create("az://" + CONTAINER + "/" + prefix), StoreConfig.of(options));
  }

  private static Map<String, String> sharedKey(String key) {
    Map<String, String> m = new HashMap<>();
    m.put(AzureOptions.ACCOUNT, Azurite.ACCOUNT);
    m.put(AzureOptions.ACCOUNT_KEY, key);
    m.put(AzureOptions.ENDPOINT, AZURITE.server().endpoint());
    m.put(AzureOptions.RETRY_DELAY_MS, "10");
    m.put(AzureOptions.MAX_RETRY_DELAY_MS, "50");
    return m;
  }

  private static Map<String, String> with(Map<String, String> m, String key, String value) {
    Map<String, String> out = new HashMap<>(m);
    out.put(key, value);
    return out;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void sharedKeyReadsNeedNoSdkClient() throws Exception {
    byte[] data = random(300_000);
    String prefix = "p-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "dir with space/ünï+cödé=1&x;y~(1)!'*.bin";
    ObjectStat viaSdk;
    try (AzureStore writer = open(prefix, with(sharedKey(Azurite.KEY), AzureOptions.DIRECT_READS, "false"))) {
      assertNull(writer.direct());
      writer.write(key, data);
      viaSdk = writer.stat(key).orElseThrow();
    }
    try (AzureStore reader = open(prefix, sharedKey(Azurite.KEY))) {
      assertNotNull(reader.direct());
      assertEquals(data.length, reader.newInput(key).length());
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 201_000), toArray(reader.newInput(key).read(1000, 200_000)));
      assertArrayEquals(data, reader.readAll(key));
      assertTrue(reader.exists(key));
      assertFalse(reader.exists("absent.bin"));
      assertEquals(viaSdk, reader.stat(key).orElseThrow(), "the same size and MD5 as through the SDK");
      assertTrue(reader.stat("absent.bin").isEmpty());
      assertThrows(FileNotFoundException.class, () -> reader.newInput("absent.bin"));
      assertFalse(reader.sdk().asked(), "a read-only use built the SDK client");
      assertEquals(1, reader.list("").count()); // lists go through the SDK
      assertTrue(reader.sdk().asked());
    }
  }

  @Test
  void aRangedReadIsPinnedToTheVersionItOpened() throws Exception {
    String prefix = "pin-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] v1 = random(5000);
    byte[] v2 = random(6000);
    try (AzureStore s = open(prefix, sharedKey(Azurite.KEY))) {
      s.write("v.bin", v1);
      StoreInput pinned = s.newInput("v.bin");
      assertArrayEquals(Arrays.copyOfRange(v1, 10, 110), toArray(pinned.read(10, 100)));
      s.write("v.bin", v2);
      StoreException e = assertThrows(StoreException.class, () -> pinned.read(100, 100));
      assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
      assertTrue(e.getMessage().contains("412"), e.getMessage());
      assertArrayEquals(Arrays.copyOfRange(v2, 100, 200), toArray(s.newInput("v.bin").read(100, 100)));
      assertNotNull(s.direct());
    }
  }

  @Test
  void aWrongKeyIsAccessDeniedWithoutTheKey() throws Exception {
    String wrong = java.util.Base64.getEncoder().encodeToString(random(64));
    try (AzureStore s = open("any", sharedKey(wrong))) {
      assertNotNull(s.direct());
      StoreException e = assertThrows(StoreException.class, () -> s.readAll("a.bin"));
      assertTrue(e.getMessage().contains("access denied"), e.getMessage());
      assertTrue(e.getMessage().contains("403"), e.getMessage());
      assertFalse(e.getMessage().contains(wrong) || e.getMessage().contains(Azurite.KEY), "a key in: " + e.getMessage());
      StoreException head = assertThrows(StoreException.class, () -> s.newInput("a.bin"));
      assertTrue(head.getMessage().contains("access denied"), head.getMessage());
      assertFalse(s.sdk().asked());
      assertFalse(s.direct().toString().contains(wrong), s.direct().toString());
    }
  }

  @Test
  void sasAndConnectionStringsReadDirectlyAzureAdKeepsTheSdk() throws Exception {
    String prefix = "sas-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] data = random(70_000);
    try (AzureStore w = open(prefix, sharedKey(Azurite.KEY))) {
      w.write("s.bin", data);
    }
    String token = AZURITE.server().admin().getBlobContainerClient(CONTAINER).generateSas(
        new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), new BlobContainerSasPermission().setReadPermission(true)));
    try (AzureStore s = open(prefix, Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.SAS_TOKEN, token))) {
      assertNotNull(s.direct());
      assertArrayEquals(Arrays.copyOfRange(data, 5, 60_005), toArray(s.newInput("s.bin").read(5, 60_000)));
      assertFalse(s.sdk().asked());
    }
    String sasConnection = "BlobEndpoint=" + AZURITE.server().endpoint() + ";SharedAccessSignature=" + token;
    try (AzureStore s = open(prefix, Map.of(AzureOptions.CONNECTION_STRING, sasConnection))) {
      assertNotNull(s.direct());
      assertArrayEquals(data, s.readAll("s.bin"));
    }
    try (AzureStore s = open(prefix, Map.of(AzureOptions.CONNECTION_STRING, AZURITE.server().connectionString()))) {
      assertNotNull(s.direct());
      assertArrayEquals(data, s.readAll("s.bin"));
      assertFalse(s.sdk().asked());
    }
    try (AzureStore s = open(prefix, Map.of(AzureOptions.ACCOUNT, Azurite.ACCOUNT))) {
      assertNull(s.direct(), "DefaultAzureCredential: the SDK");
    }
  }
}
