package io.trajstream.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.CapturedOutput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SAS URLs against Azurite (which checks SAS signatures): {@code az://container/x?sv=...&sig=...}
 * arrives here as the root {@code az://container/?sv=...&sig=...} with the key {@code x}, as the
 * runtime splits it; the query is the credential, never part of a blob name, and its signature
 * appears in no message, stack trace or log line.
 */
class AzureSasUrlTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "sas-url";
  private static final byte[] DATA = new byte[300_000];

  @BeforeAll
  static void arrange() {
    new Random(19).nextBytes(DATA);
    AZURITE.server().createContainer(CONTAINER);
    var c = AZURITE.server().admin().getBlobContainerClient(CONTAINER);
    c.getBlobClient("x").upload(BinaryData.fromBytes(DATA), true);
    c.getBlobClient("runs/a.bin").upload(BinaryData.fromBytes(DATA), true);
  }

  private static String readListSas() {
    return AZURITE.server().admin().getBlobContainerClient(CONTAINER).generateSas(new BlobServiceSasSignatureValues(
        OffsetDateTime.now().plusHours(1), new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
  }

  /** The signature of {@code token}, as sent (percent-encoded) and decoded. */
  private static List<String> signature(String token) {
    for (String p : token.split("&")) {
      if (p.startsWith("sig=")) {
        String raw = p.substring(4);
        return List.of(raw, URLDecoder.decode(raw, StandardCharsets.UTF_8));
      }
    }
    throw new AssertionError("no sig= in the generated SAS");
  }

  private static Store open(String url, Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(extra);
    m.put(AzureOptions.ENDPOINT, AZURITE.server().endpoint());
    m.put(AzureOptions.RETRY_DELAY_MS, "10");
    m.put(AzureOptions.MAX_RETRY_DELAY_MS, "50");
    return new AzureStoreFactory(Map.of()).create(URI.create(url), StoreConfig.of(m));
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static void assertNoSignature(List<String> sig, String text) {
    for (String s : sig) {
      assertFalse(text.contains(s), "the signature shows in: " + text);
    }
  }

  @Test
  void aSasUrlReadsWithItsQueryAsTheCredential() throws IOException {
    String token = readListSas();
    List<String> sig = signature(token);
    try (CapturedOutput out = CapturedOutput.start()) {
      try (Store s = open("az://" + CONTAINER + "/?" + token, Map.of())) {
        assertArrayEquals(DATA, s.readAll("x"));
        try (StoreInput in = s.newInput("x")) {
          assertEquals(DATA.length, in.length());
          byte[] buf = new byte[1000];
          in.readFully(12_345, buf, 0, buf.length);
          assertArrayEquals(Arrays.copyOfRange(DATA, 12_345, 13_345), buf);
        }
        assertEquals("az://" + CONTAINER + "/x", s.location("x"));
        assertNoSignature(sig, s.root());
      }
      try (Store s = open("az://" + CONTAINER + "/runs?" + token, Map.of())) {
        assertArrayEquals(DATA, s.readAll("a.bin"));
        assertEquals("az://" + CONTAINER + "/runs/a.bin", s.location("a.bin"));
      }
      assertNull(out.firstLeak(sig), "the signature was printed or logged");
    }
  }

  @Test
  void errorsOfASasUrlNeverShowTheSignature() throws IOException {
    String token = readListSas();
    List<String> sig = signature(token);
    try (CapturedOutput out = CapturedOutput.start()) {
      try (Store s = open("az://" + CONTAINER + "/?" + token, Map.of())) {
        StoreException refused = assertThrows(StoreException.class, () -> s.write("w.bin", new byte[] {1}));
        assertTrue(refused.getMessage().startsWith("az://" + CONTAINER + "/w.bin: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        assertNoSignature(sig, refused.getMessage());
        assertNoSignature(sig, stackTrace(refused));
        out.note(refused);

        FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> s.readAll("nothing.bin"));
        assertTrue(missing.getMessage().startsWith("az://" + CONTAINER + "/nothing.bin: "), missing.getMessage());
        assertNoSignature(sig, stackTrace(missing));
        out.note(missing);
      }
      IllegalArgumentException fragment = assertThrows(IllegalArgumentException.class,
          () -> open("az://" + CONTAINER + "/?" + token + "#part", Map.of()));
      assertTrue(fragment.getMessage().contains("sig=****"), fragment.getMessage());
      assertNoSignature(sig, fragment.getMessage());

      String other = readListSas().replace("sp=rl", "sp=r");
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> open("az://" + CONTAINER + "/?" + token, Map.of(AzureOptions.SAS_TOKEN, other)));
      assertTrue(twice.getMessage().contains(AzureOptions.SAS_TOKEN), twice.getMessage());
      assertNoSignature(sig, twice.getMessage());
      assertNoSignature(signature(other), twice.getMessage());
      assertNull(out.firstLeak(sig), "the signature was printed or logged");
    }
  }

  @Test
  void theSameSasInTheUrlAndAsTheOptionIsAccepted() throws IOException {
    String token = readListSas();
    try (Store s = open("az://" + CONTAINER + "/?" + token, Map.of(AzureOptions.SAS_TOKEN, "?" + token))) {
      assertArrayEquals(DATA, s.readAll("x"));
    }
  }

  @Test
  void aQueryThatIsNoSasIsRefusedNotTakenAsAName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> open("az://" + CONTAINER + "/?versionid=3", Map.of()));
    assertTrue(e.getMessage().startsWith("az://" + CONTAINER + "/?versionid=3: "), e.getMessage());
    assertTrue(e.getMessage().contains("not a SAS token"), e.getMessage());
  }
}
