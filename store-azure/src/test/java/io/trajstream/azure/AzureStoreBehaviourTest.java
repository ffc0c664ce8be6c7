package io.trajstream.azure;

import static io.trajstream.testkit.TestBytes.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Azure-specific behaviour beyond the contract: block uploads, missing containers, ETag pinning, known lengths. */
class AzureStoreBehaviourTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "behaviour";

  @BeforeAll
  static void arrange() {
    AZURITE.server().createContainer(CONTAINER);
  }

  private static Store open(String url, Map<String, String> extra) throws IOException {
    Map<String, String> m = new HashMap<>(extra);
    m.put(AzureOptions.CONNECTION_STRING, AZURITE.server().connectionString());
    return new AzureStoreFactory(Map.of()).create(URI.create(url), StoreConfig.of(m));
  }

  private static BlockList committedBlocks(String blobName) {
    return AZURITE.server().admin().getBlobContainerClient(CONTAINER).getBlobClient(blobName)
        .getBlockBlobClient().listBlocks(BlockListType.COMMITTED);
  }

  @Test
  void uploadsAboveTheThresholdGoAsBlocks() throws IOException {
    int block = 256 * 1024;
    try (Store s = open("az://" + CONTAINER + "/blocks",
        Map.of(AzureOptions.SINGLE_UPLOAD_MAX, String.valueOf(1 << 20), AzureOptions.BLOCK_SIZE, String.valueOf(block)))) {
      byte[] small = random(1 << 20, 1);
      byte[] large = random((1 << 20) + 300_000, 2);
      s.write("small.bin", small);
      s.write("large.bin", large);
      assertArrayEquals(small, s.readAll("small.bin"));
      assertArrayEquals(large, s.readAll("large.bin"));
      assertEquals(0, committedBlocks("blocks/small.bin").getCommittedBlocks().size(), "one Put Blob, no block list");
      BlockList blocks = committedBlocks("blocks/large.bin");
      assertEquals((large.length + block - 1) / block, blocks.getCommittedBlocks().size());
      assertEquals(large.length, blocks.getCommittedBlocks().stream().mapToLong(b -> b.getSizeLong()).sum());
      // overwrite a block blob with a small one, and back
      s.write("large.bin", small);
      assertArrayEquals(small, s.readAll("large.bin"));
    }
  }

  @Test
  void missingContainerIsFileNotFoundForReadsAndWritesAndEmptyForListing() throws IOException {
    try (Store s = open("az://no-such-container/p", Map.of())) {
      FileNotFoundException w = assertThrows(FileNotFoundException.class, () -> s.write("k.bin", new byte[] {1}));
      assertTrue(w.getMessage().contains("az://no-such-container/p/k.bin"), w.getMessage());
      assertTrue(w.getMessage().contains("container"), w.getMessage());
      FileNotFoundException r = assertThrows(FileNotFoundException.class, () -> s.newInput("k.bin"));
      assertTrue(r.getMessage().contains("az://no-such-container/p/k.bin"), r.getMessage());
      assertEquals(0, s.list("").count());
      assertTrue(!s.exists("k.bin"));
      s.delete("k.bin");
    }
  }

  @Test
  void knownLengthInputMakesNoRequestUntilRead() throws IOException {
    try (Store s = open("az://" + CONTAINER + "/known", Map.of())) {
      StoreInput in = s.newInput("not-there.bin", 10); // no properties request, so no error yet
      assertEquals(10, in.length());
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> in.read(0, 4));
      assertTrue(e.getMessage().contains("az://" + CONTAINER + "/known/not-there.bin"), e.getMessage());
    }
  }

  @Test
  void requestsAsTheServerSawThem() throws Exception {
    byte[] data = random(10_000, 6);
    try (Store s = open("az://" + CONTAINER + "/requests", Map.of())) {
      s.write("r.bin", data);
      StoreInput known = s.newInput("r.bin", data.length);
      known.read(0, 10);
      known.read(5000, 10);
      List<String> seen = AZURITE.server().requests("/requests%2Fr.bin");
      assertEquals(3, seen.size(), seen.toString());
      assertTrue(seen.get(0).startsWith("\"PUT "), seen.toString());
      assertTrue(seen.get(1).startsWith("\"GET ") && seen.get(2).startsWith("\"GET "), "no properties request: " + seen);

      StoreInput looked = s.newInput("r.bin");
      looked.read(100, 10);
      s.readAll("r.bin");
      List<String> more = AZURITE.server().requests("/requests%2Fr.bin").subList(3, 3 + 3);
      assertTrue(more.get(0).startsWith("\"HEAD "), more.toString());
      assertTrue(more.get(1).startsWith("\"GET ") && more.get(2).startsWith("\"GET "), more.toString());
      assertEquals(6, AZURITE.server().requests("/requests%2Fr.bin").size(), "one request per read, no more");
    }
  }

  @Test
  void knownLengthLongerThanTheBlobIsEof() throws IOException {
    byte[] data = random(1000, 3);
    try (Store s = open("az://" + CONTAINER + "/short", Map.of())) {
      s.write("b.bin", data);
      StoreInput in = s.newInput("b.bin", 5000);
      EOFException straddling = assertThrows(EOFException.class, () -> in.read(900, 200));
      assertTrue(straddling.getMessage().contains("az://" + CONTAINER + "/short/b.bin"), straddling.getMessage());
      EOFException beyond = assertThrows(EOFException.class, () -> in.read(2000, 10));
      assertTrue(beyond.getMessage().contains("az://" + CONTAINER + "/short/b.bin"), beyond.getMessage());
      assertArrayEquals(Arrays.copyOfRange(data, 100, 200), toArray(in.read(100, 100)));
    }
  }

  @Test
  void inputPinnedToItsVersionFailsWhenTheBlobIsReplaced() throws IOException {
    byte[] v1 = random(4096, 4);
    byte[] v2 = random(4096, 5);
    try (Store s = open("az://" + CONTAINER + "/etag", Map.of())) {
      s.write("v.bin", v1);
      StoreInput pinned = s.newInput("v.bin");
      assertArrayEquals(Arrays.copyOfRange(v1, 0, 100), toArray(pinned.read(0, 100)));
      s.write("v.bin", v2);
      StoreException e = assertThrows(StoreException.class, () -> pinned.read(100, 100));
      assertTrue(e.getMessage().contains("changed"), e.getMessage());
      assertEquals("az://" + CONTAINER + "/etag/v.bin", e.location());
      assertArrayEquals(Arrays.copyOfRange(v2, 100, 200), toArray(s.newInput("v.bin").read(100, 100)));
      assertArrayEquals(Arrays.copyOfRange(v2, 100, 200), toArray(s.newInput("v.bin", 4096).read(100, 100)));
    }
  }

  @Test
  void rootWithoutPrefixAndNestedKeys() throws IOException {
    try (Store s = open("az://" + CONTAINER, Map.of())) {
      s.write("top/nested/deep.bin", new byte[] {7});
      assertEquals("az://" + CONTAINER + "/top/nested/deep.bin", s.location("top/nested/deep.bin"));
      assertTrue(s.list("top/").anyMatch(e -> e.key().equals("top/nested/deep.bin")));
      assertThrows(IllegalArgumentException.class, () -> s.exists("../escape"));
    }
  }

  private static byte[] toArray(java.nio.ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
