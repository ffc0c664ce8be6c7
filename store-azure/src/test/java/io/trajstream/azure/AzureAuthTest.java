package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.PublicAccessType;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way of authorising, against Azurite, which checks shared-key signatures and SAS tokens:
 * shared key (right and wrong), SAS tokens (allowed and refused operations, another container,
 * expired), anonymous reads of a public container, and the environment's connection string.
 */
class AzureAuthTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  private static final String PRIVATE = "auth-private";
  private static final String PUBLIC = "auth-public";
  private static final byte[] DATA = new byte[5000];

  @BeforeAll
  static void arrange() {
    new Random(42).nextBytes(DATA);
    Azurite az = AZURITE.server();
    az.createContainer(PRIVATE);
    BlobContainerClient pub = az.admin().getBlobContainerClient(PUBLIC);
    if (!pub.exists()) {
      pub.createWithResponse(null, PublicAccessType.CONTAINER, null, Context.NONE);
    }
    az.admin().getBlobContainerClient(PRIVATE).getBlobClient("data/a.bin").upload(com.azure.core.util.BinaryData.fromBytes(DATA), true);
    pub.getBlobClient("data/a.bin").upload(com.azure.core.util.BinaryData.fromBytes(DATA), true);
    pub.getBlobClient("data/b.bin").upload(com.azure.core.util.BinaryData.fromBytes(new byte[7]), true);
  }

  private static Store open(String url, Map<String, String> options) throws IOException {
    return new AzureStoreFactory(Map.of()).create(URI.create(url), StoreConfig.of(options));
  }

  private static Map<String, String> fast(Map<String, String> options) {
    java.util.HashMap<String, String> m = new java.util.HashMap<>(options);
    m.put(AzureOptions.RETRY_DELAY_MS, "10");
    m.put(AzureOptions.MAX_RETRY_DELAY_MS, "50");
    return m;
  }

  private static String sas(String container, BlobContainerSasPermission perms, OffsetDateTime expiry) {
    return AZURITE.server().admin().getBlobContainerClient(container)
        .generateSas(new BlobServiceSasSignatureValues(expiry, perms));
  }

  @Test
  void sharedKeyWithAccountAndEndpoint() throws IOException {
    Azurite az = AZURITE.server();
    try (Store s =
        open("az://" + PRIVATE + "/data",
            Map.of(AzureOptions.ACCOUNT, Azurite.ACCOUNT, AzureOptions.ACCOUNT_KEY, Azurite.KEY, AzureOptions.ENDPOINT, az.endpoint()))) {
      assertArrayEquals(DATA, s.readAll("a.bin"));
      s.write("shared-key.bin", new byte[] {1, 2});
      assertArrayEquals(new byte[] {1, 2}, s.readAll("shared-key.bin"));
      s.delete("shared-key.bin");
    }
  }

  @Test
  void wrongSharedKeyIsRefusedWithoutShowingAKey() throws IOException {
    Azurite az = AZURITE.server();
    String wrongKey = java.util.Base64.getEncoder().encodeToString("not the account key, 64 bytes long...............".getBytes());
    try (Store s =
        open("az://" + PRIVATE + "/data",
            fast(Map.of(AzureOptions.ACCOUNT, Azurite.ACCOUNT, AzureOptions.ACCOUNT_KEY, wrongKey, AzureOptions.ENDPOINT, az.endpoint())))) {
      StoreException e = assertThrows(StoreException.class, () -> s.readAll("a.bin"));
      assertEquals("az://" + PRIVATE + "/data/a.bin", e.location());
      assertTrue(e.getMessage().contains("403"), e.getMessage());
      assertFalse(e.getMessage().contains(wrongKey) || e.getMessage().contains(Azurite.KEY), "key in message");
      assertThrows(StoreException.class, () -> s.write("x.bin", new byte[1]));
      assertThrows(StoreException.class, () -> s.exists("a.bin"));
    }
  }

  @Test
  void readListSasReadsButCannotWrite() throws IOException {
    String token = sas(PRIVATE, new BlobContainerSasPermission().setReadPermission(true).setListPermission(true),
        OffsetDateTime.now().plusHours(1));
    try (Store s =
        open("az://" + PRIVATE + "/data", fast(Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.SAS_TOKEN, "?" + token)))) {
      assertArrayEquals(DATA, s.readAll("a.bin"));
      try (StoreInput in = s.newInput("a.bin")) {
        assertEquals(DATA.length, in.length());
        byte[] buf = new byte[100];
        in.readFully(1000, buf, 0, 100);
        assertArrayEquals(java.util.Arrays.copyOfRange(DATA, 1000, 1100), buf);
      }
      assertTrue(s.exists("a.bin"));
      assertEquals(List.of("a.bin"), s.list("").map(StoreEntry::key).collect(Collectors.toList()));
      StoreException e = assertThrows(StoreException.class, () -> s.write("sas.bin", new byte[] {1}));
      assertTrue(e.getMessage().contains("403"), e.getMessage());
      assertTrue(e.getMessage().contains("az://" + PRIVATE + "/data/sas.bin"), e.getMessage());
      assertFalse(e.getMessage().contains("sig="), e.getMessage());
    }
  }

  @Test
  void writeSasWrites() throws IOException {
    String token = sas(PRIVATE,
        new BlobContainerSasPermission().setReadPermission(true).setWritePermission(true).setCreatePermission(true).setDeletePermission(true),
        OffsetDateTime.now().plusHours(1));
    try (Store s = open("az://" + PRIVATE + "/sas-writes", Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.SAS_TOKEN, token))) {
      s.write("w.bin", DATA);
      assertArrayEquals(DATA, s.readAll("w.bin"));
      s.delete("w.bin");
    }
    assertFalse(AZURITE.server().admin().getBlobContainerClient(PRIVATE).getBlobClient("sas-writes/w.bin").exists());
  }

  @Test
  void sasOfAnotherContainerOrExpiredIsRefused() throws IOException {
    String other = sas(PUBLIC, new BlobContainerSasPermission().setReadPermission(true), OffsetDateTime.now().plusHours(1));
    try (Store s = open("az://" + PRIVATE + "/data", fast(Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.SAS_TOKEN, other)))) {
      StoreException e = assertThrows(StoreException.class, () -> s.readAll("a.bin"));
      assertTrue(e.getMessage().contains("403"), e.getMessage());
    }
    String expired = sas(PRIVATE, new BlobContainerSasPermission().setReadPermission(true), OffsetDateTime.now().minusMinutes(5));
    try (Store s = open("az://" + PRIVATE + "/data", fast(Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.SAS_TOKEN, expired)))) {
      StoreException e = assertThrows(StoreException.class, () -> s.newInput("a.bin"));
      assertTrue(e.getMessage().contains("403"), e.getMessage());
    }
  }

  @Test
  void anonymousReadsAndListsAPublicContainer() throws IOException {
    try (Store s = open("az://" + PUBLIC + "/data", Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.ANONYMOUS, "true"))) {
      assertArrayEquals(DATA, s.readAll("a.bin"));
      try (StoreInput in = s.newInput("a.bin")) {
        assertEquals(DATA.length, in.length());
      }
      assertTrue(s.exists("b.bin"));
      assertFalse(s.exists("c.bin"));
      List<StoreEntry> entries = s.list("").collect(Collectors.toList());
      assertEquals(List.of(new StoreEntry("a.bin", DATA.length), new StoreEntry("b.bin", 7)), entries);
      assertThrows(IOException.class, () -> s.write("anon.bin", new byte[] {1}));
    }
    assertFalse(AZURITE.server().admin().getBlobContainerClient(PUBLIC).getBlobClient("data/anon.bin").exists());
  }

  @Test
  void anonymousCannotReadAPrivateContainer() throws IOException {
    try (Store s = open("az://" + PRIVATE + "/data", fast(Map.of(AzureOptions.ENDPOINT, AZURITE.server().endpoint(), AzureOptions.ANONYMOUS, "true")))) {
      IOException e = assertThrows(IOException.class, () -> s.readAll("a.bin"));
      assertTrue(e.getMessage().contains("az://" + PRIVATE + "/data/a.bin"), e.getMessage());
    }
  }

  @Test
  void environmentConnectionStringIsUsedWhenNoOptionIsGiven() throws IOException {
    AzureStoreFactory f = new AzureStoreFactory(Map.of(AzureOptions.ENV_CONNECTION_STRING, AZURITE.server().connectionString()));
    try (Store s = f.create(URI.create("az://" + PRIVATE + "/data"), StoreConfig.empty())) {
      assertArrayEquals(DATA, s.readAll("a.bin"));
    }
  }
}
