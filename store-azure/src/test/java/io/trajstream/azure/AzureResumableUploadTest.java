package io.trajstream.azure;

import static io.trajstream.testkit.TestBytes.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockListType;
import io.trajstream.store.BufferInput;
import io.trajstream.store.Checksums;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.WriteOutcome;
import io.trajstream.testkit.CutOffSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part-level resume of block uploads against Azurite: an upload whose source breaks off after some
 * parts is carried on by the next call, which stages only the blocks not yet there (counted in
 * Azurite's request log) and commits them in order; a part whose bytes changed is staged again.
 */
class AzureResumableUploadTest {
  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
  private static final String CONTAINER = "resume";
  private static final int BLOCK = 256 * 1024;

  @BeforeAll
  static void arrange() {
    AZURITE.server().createContainer(CONTAINER);
  }

  private static Store open(String prefix) {
    return new AzureStoreFactory(Map.of()).create(URI.create("az://" + CONTAINER + "/" + prefix), StoreConfig.of(Map.of(
        AzureOptions.CONNECTION_STRING, AZURITE.server().connectionString(),
        AzureOptions.SINGLE_UPLOAD_MAX, String.valueOf(4 * BLOCK),
        AzureOptions.BLOCK_SIZE, String.valueOf(BLOCK),
        AzureOptions.UPLOAD_CONCURRENCY, "3")));
  }

  /** Put Block and Put Block List requests Azurite has logged for a blob. */
  private static long[] blockRequests(String prefix, String key) throws IOException, InterruptedException {
    List<String> lines = AZURITE.server().requests("/" + CONTAINER + "/" + prefix + "%2F" + key + "?");
    long staged = lines.stream().filter(l -> l.startsWith("\"PUT") && l.contains("comp=block&")).count();
    long commits = lines.stream().filter(l -> l.startsWith("\"PUT") && l.contains("comp=blocklist")).count();
    return new long[] {staged, commits};
  }

  private static List<Block> blocks(String blobName, BlockListType type) {
    var list = AZURITE.server().admin().getBlobContainerClient(CONTAINER).getBlobClient(blobName)
        .getBlockBlobClient().listBlocks(type);
    return type == BlockListType.UNCOMMITTED ? list.getUncommittedBlocks() : list.getCommittedBlocks();
  }

  @Test
  void blockIdsHaveOneLengthAndCarryThePartAndItsChecksum() {
    String md5 = Checksums.md5Hex(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    String first = AzureResumableUpload.blockId(0, md5);
    String last = AzureResumableUpload.blockId(AzureResumableUpload.MAX_BLOCKS - 1, md5);
    assertEquals(first.length(), last.length());
    byte[] raw = Base64.getDecoder().decode(last);
    assertEquals(36, raw.length, "as long as the SDK's ids (a UUID string), so both can be staged on one blob");
    String text = new String(raw, StandardCharsets.US_ASCII);
    assertEquals(AzureResumableUpload.MAX_BLOCKS - 1, Integer.parseInt(text.substring(0, 4), 36), "the index in base 36");
    assertEquals(md5, text.substring(4), "then the part's MD5");
    assertEquals("0000" + md5, new String(Base64.getDecoder().decode(first), StandardCharsets.US_ASCII));
  }

  @Test
  void anInterruptedUploadSendsOnlyTheMissingBlocksWhenRunAgain() throws Exception {
    String prefix = "cut-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] data = random(10 * BLOCK + 1000, 1); // 11 parts
    try (Store s = open(prefix)) {
      IOException cut = assertThrows(IOException.class,
          () -> s.writeResumable("run.h5md", new CutOffSource("file:/run.h5md", data, 4L * BLOCK + 10), n -> {}));
      assertTrue(cut.getMessage().contains("broke off"), cut.getMessage());
      assertFalse(s.exists("run.h5md"), "staged blocks are no blob");
      assertEquals(4, blocks(prefix + "/run.h5md", BlockListType.UNCOMMITTED).size(), "parts 1-4 are staged");
      long[] before = blockRequests(prefix, "run.h5md");
      assertEquals(4, before[0]);
      assertEquals(0, before[1]);

      AtomicLong progress = new AtomicLong();
      WriteOutcome o = s.writeResumable("run.h5md", new BufferInput("file:/run.h5md", ByteBuffer.wrap(data)),
          progress::addAndGet);
      assertEquals(new WriteOutcome(data.length, 4L * BLOCK, 11, 4), o);
      assertEquals(data.length, progress.get(), "progress counts the parts kept and the parts sent");
      long[] after = blockRequests(prefix, "run.h5md");
      assertEquals(7, after[0] - before[0], "only the 7 missing blocks are staged");
      assertEquals(1, after[1], "one commit");
      assertArrayEquals(data, s.readAll("run.h5md"));
      assertEquals(11, blocks(prefix + "/run.h5md", BlockListType.COMMITTED).size());
      assertEquals(Checksums.md5Hex(ByteBuffer.wrap(data)), s.stat("run.h5md").orElseThrow().checksum(),
          "the commit records the whole blob's MD5");

      WriteOutcome again = s.writeResumable("run.h5md", ByteBuffer.wrap(data), n -> {});
      assertTrue(again.wasSkipped(), again.toString());
      long[] last = blockRequests(prefix, "run.h5md");
      assertEquals(after[0], last[0], "nothing staged for a blob made of the same blocks");
      assertEquals(after[1], last[1], "and nothing committed");
    }
  }

  @Test
  void aChangedPartIsStagedAgainAndTheRestKept() throws Exception {
    String prefix = "changed-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] data = random(8 * BLOCK + 7, 2); // 9 parts
    try (Store s = open(prefix)) {
      assertEquals(0, s.writeResumable("x.bin", ByteBuffer.wrap(data), n -> {}).partsSkipped());
      long[] before = blockRequests(prefix, "x.bin");
      assertEquals(9, before[0]);
      data[5 * BLOCK + 17] ^= 1; // part 6
      WriteOutcome o = s.writeResumable("x.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(new WriteOutcome(data.length, data.length - BLOCK, 9, 8), o);
      long[] after = blockRequests(prefix, "x.bin");
      assertEquals(1, after[0] - before[0], "only the changed part is staged");
      assertArrayEquals(data, s.readAll("x.bin"));

      // an interrupted upload whose source then changed in a part already staged
      byte[] next = random(8 * BLOCK + 7, 3);
      assertThrows(IOException.class, () -> s.writeResumable("x.bin", new CutOffSource("file:/x", next, 3L * BLOCK), n -> {}));
      assertArrayEquals(data, s.readAll("x.bin"), "the old blob stays until the new one is committed");
      next[BLOCK + 1] ^= 1; // part 2, staged by the interrupted call with the old bytes
      long[] mid = blockRequests(prefix, "x.bin");
      WriteOutcome resumed = s.writeResumable("x.bin", ByteBuffer.wrap(next), n -> {});
      assertEquals(2, resumed.partsSkipped(), resumed.toString());
      assertEquals(7, blockRequests(prefix, "x.bin")[0] - mid[0], "part 2 and the six never staged");
      assertArrayEquals(next, s.readAll("x.bin"));
    }
  }

  @Test
  void anUploadStoppedByItsProgressCallbackLeavesNoBlockLandingLater() throws Exception {
    String prefix = "stopped-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] data = random(10 * BLOCK + 1000, 6); // 11 parts
    try (Store s = open(prefix)) {
      AtomicLong calls = new AtomicLong();
      IllegalStateException stop = assertThrows(IllegalStateException.class, () -> s.writeResumable("p.bin",
          ByteBuffer.wrap(data), n -> {
            if (calls.incrementAndGet() == 2) {
              throw new IllegalStateException("stopped by the user");
            }
          }));
      assertEquals("stopped by the user", stop.getMessage());
      int staged = blocks(prefix + "/p.bin", BlockListType.UNCOMMITTED).size();
      assertTrue(staged >= 2 && staged < 11, "staged " + staged);
      long[] before = blockRequests(prefix, "p.bin");
      assertEquals(staged, before[0], "every Put Block sent had landed when the call returned");
      WriteOutcome o = s.writeResumable("p.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(staged, o.partsSkipped(), o.toString());
      assertEquals(11 - staged, blockRequests(prefix, "p.bin")[0] - before[0]);
      assertArrayEquals(data, s.readAll("p.bin"));
    }
  }

  @Test
  void blocksLeftByAnInterruptedWriteAndByAnInterruptedResumableUploadDoNotGetInEachOthersWay() throws Exception {
    String prefix = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] data = random(6 * BLOCK + 1, 7);
    // what an interrupted write (the SDK's own block upload) leaves: a block whose id is a UUID string
    String sdkId = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
    var blob = AZURITE.server().admin().getBlobContainerClient(CONTAINER).getBlobClient(prefix + "/m.bin").getBlockBlobClient();
    blob.stageBlock(sdkId, com.azure.core.util.BinaryData.fromBytes(new byte[] {1, 2, 3}));
    try (Store s = open(prefix)) {
      assertFalse(s.writeResumable("m.bin", ByteBuffer.wrap(data), n -> {}).wasSkipped());
      assertArrayEquals(data, s.readAll("m.bin"));
      assertTrue(blocks(prefix + "/m.bin", BlockListType.UNCOMMITTED).isEmpty(), "the commit discards what was left");

      // and the other way round: an interrupted resumable upload, then an ordinary write
      byte[] next = random(6 * BLOCK + 1, 8);
      assertThrows(IOException.class, () -> s.writeResumable("m.bin", new CutOffSource("file:/m", next, 2L * BLOCK), n -> {}));
      s.write("m.bin", next);
      assertArrayEquals(next, s.readAll("m.bin"));
    }
  }

  @Test
  void blocksOfAnotherIdLengthAreAClearError() throws Exception {
    String prefix = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
    String shortId = Base64.getEncoder().encodeToString("block-0001".getBytes(StandardCharsets.US_ASCII));
    AZURITE.server().admin().getBlobContainerClient(CONTAINER).getBlobClient(prefix + "/f.bin").getBlockBlobClient()
        .stageBlock(shortId, com.azure.core.util.BinaryData.fromBytes(new byte[] {1, 2, 3}));
    try (Store s = open(prefix)) {
      IOException e = assertThrows(IOException.class, () -> s.writeResumable("f.bin", ByteBuffer.wrap(random(6 * BLOCK, 9)), n -> {}));
      assertTrue(e.getMessage().contains("az://" + CONTAINER + "/" + prefix + "/f.bin")
          && e.getMessage().contains("ids of another length"), e.getMessage());
    }
  }

  @Test
  void smallObjectsAreSkippedByTheirMd5() throws Exception {
    try (Store s = open("small-" + UUID.randomUUID().toString().substring(0, 8))) {
      byte[] data = random(BLOCK, 4);
      assertFalse(s.writeResumable("s.bin", ByteBuffer.wrap(data), n -> {}).wasSkipped());
      assertEquals(Checksums.md5Hex(ByteBuffer.wrap(data)), s.stat("s.bin").orElseThrow().checksum());
      assertTrue(s.writeResumable("s.bin", ByteBuffer.wrap(data), n -> {}).wasSkipped());
      assertTrue(s.stat("missing.bin").isEmpty());
    }
  }
}
