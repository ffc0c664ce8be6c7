package io.trajstream.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.trajstream.store.Checksums;
import io.trajstream.store.ParallelParts;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.store.WriteOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * A block blob upload that survives an interruption. Part {@code i} of the source goes up as a
 * staged block whose id encodes {@code i} and the MD5 of the part's bytes ({@link #blockId}); a
 * later call lists the blob's blocks (uncommitted and committed), keeps every part whose block is
 * already there with the same id (so the same checksum) and size, stages only the rest, in parallel
 * (at most {@code azure.upload-concurrency} at once), and commits the block list in part order with
 * the whole blob's MD5 as its Content-MD5. A committed blob made of exactly these blocks is left
 * alone; a blob of which one part changed gets only that part sent again. A part that fails leaves
 * the blocks staged so far for the next call (Azure keeps uncommitted blocks for a week). Parts
 * are cut at {@code azure.block-size}: a rerun with another block size finds no part to keep.
 */
final class AzureResumableUpload {
  /** Azure's most blocks in one blob. */
  static final int MAX_BLOCKS = 50_000;

  /** What the upload needs from its store. */
  interface Target {
    /** The blob, as a block blob. */
    BlockBlobClient blob();

    /** Maps a failed SDK call to the store's exception. */
    IOException failure(String operation, RuntimeException e);
  }

  private final Target target;
  private final String location;
  private final long blockSize;
  private final int concurrency;
  private final Executor executor;

  AzureResumableUpload(Target target, String location, long blockSize, int concurrency, Executor executor) {
    this.target = target;
    this.location = location;
    this.blockSize = blockSize;
    this.concurrency = concurrency;
    this.executor = executor;
  }

  /**
   * The block id of part {@code index} whose bytes have MD5 {@code md5Hex}: base64 of the index in
   * base 36 (four digits) followed by the MD5 in hex. Azure requires the ids of a blob's blocks to
   * have one length; these are 36 bytes before encoding, as the SDK's own (a UUID string), so that
   * a {@link AzureStore#write} after an interrupted resumable upload, or this upload after an
   * interrupted write, can stage its blocks beside the ones left (a UUID has hyphens: the two never
   * collide).
   */
  static String blockId(int index, String md5Hex) {
    String digits = Integer.toString(index, 36);
    String raw = "0".repeat(4 - digits.length()) + digits + md5Hex;
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** Uploads all of {@code source}, reading it part by part in order. */
  WriteOutcome upload(StoreInput source, LongConsumer progress) throws IOException {
    long size = source.length();
    long count = (size + blockSize - 1) / blockSize;
    if (count > MAX_BLOCKS) {
      throw new StoreException(location, size + " bytes need " + count + " blocks of " + blockSize
          + " bytes; Azure allows " + MAX_BLOCKS + ": raise " + AzureOptions.BLOCK_SIZE);
    }
    Blocks there = listBlocks();
    if (there.foreignStaged()) {
      throw new StoreException(location, "another uploader left blocks staged on this blob with ids of another length,"
          + " which Azure will not mix with ours; they go when that upload is committed or when the blob is next"
          + " written in one request, else a week after they were staged");
    }
    BlockBlobClient blob = target.blob();
    MessageDigest whole = md5();
    List<String> ids = new ArrayList<>((int) count);
    long skippedBytes = 0;
    int skippedParts = 0;
    try (ParallelParts parts = new ParallelParts(executor, concurrency, progress, location)) {
      for (int i = 0; i < count; i++) {
        long off = i * blockSize;
        int len = (int) Math.min(blockSize, size - off);
        ByteBuffer slice = source.read(off, len);
        byte[] md5 = Checksums.md5(slice);
        whole.update(slice.duplicate());
        String id = blockId(i, HexFormat.of().formatHex(md5));
        ids.add(id);
        Long found = there.sizes().get(id);
        if (found != null && found == len) {
          skippedBytes += len;
          skippedParts++;
          progress.accept(len);
          continue;
        }
        int part = i + 1;
        parts.submit(len, () -> {
          try {
            blob.stageBlockWithResponse(
                new BlockBlobStageBlockOptions(id, BinaryData.fromByteBuffer(slice)).setContentMd5(md5), null, Context.NONE);
          } catch (RuntimeException e) {
            throw target.failure("stage block " + part + " of " + count + " (the blocks staged are kept: run again to"
                + " resume)", e);
          }
        });
      }
      parts.finish();
    }
    if (skippedParts == count && ids.equals(there.committed())) {
      return new WriteOutcome(size, size, (int) count, (int) count); // the blob is made of exactly these parts
    }
    try {
      blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(ids).setHeaders(
          new BlobHttpHeaders().setContentType("application/octet-stream").setContentMd5(whole.digest())),
          null, Context.NONE);
    } catch (RuntimeException e) {
      throw target.failure("commit of " + count + " blocks (the blocks staged are kept: run again to resume)", e);
    }
    return new WriteOutcome(size, skippedBytes, (int) count, skippedParts);
  }

  /**
   * The blocks of a blob: every id with its size (uncommitted before committed), the committed ids
   * in order, and whether uncommitted blocks with ids of another length are there.
   */
  private record Blocks(Map<String, Long> sizes, List<String> committed, boolean foreignStaged) {}

  private Blocks listBlocks() throws IOException {
    BlockList list;
    try {
      list = target.blob().listBlocksWithResponse(BlockListType.ALL, null, null, Context.NONE).getValue();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
        return new Blocks(Map.of(), List.of(), false); // no blob and nothing staged yet
      }
      throw target.failure("list of staged blocks", e);
    } catch (RuntimeException e) {
      throw target.failure("list of staged blocks", e);
    }
    Map<String, Long> sizes = new HashMap<>();
    List<String> committed = new ArrayList<>();
    for (Block b : list.getCommittedBlocks()) {
      sizes.put(b.getName(), b.getSizeLong());
      committed.add(b.getName());
    }
    boolean foreign = false;
    int ours = blockId(0, "0".repeat(32)).length();
    for (Block b : list.getUncommittedBlocks()) {
      sizes.put(b.getName(), b.getSizeLong()); // a block staged anew replaces the committed one of that id
      foreign |= b.getName().length() != ours;
    }
    return new Blocks(sizes, committed, foreign);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no MD5", e);
    }
  }
}
