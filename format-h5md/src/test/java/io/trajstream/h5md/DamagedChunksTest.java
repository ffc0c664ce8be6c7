package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.codec.DeflateFilter;
import io.trajstream.h5md.codec.FilterFailure;
import io.trajstream.h5md.io.BlockCache;
import io.trajstream.h5md.io.StoreFileChannel;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.StoreInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks that decode to the wrong size (written with h5py's direct chunk writes) fail with a
 * one-line error naming file and dataset, a deflate bomb is stopped at the chunk's size, and a
 * metadata cache smaller than one read-ahead run still works.
 */
class DamagedChunksTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "damaged_gzip_short", "damaged_gzip_bomb", "damaged_plain_short", "mda_100_frames");
  }

  private static FormatException readChunk1(String name) throws Exception {
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), name + ".h5md", ReadOptions.defaults())) {
      // chunk 0 (frames 0-9) is sound and reads as written
      float[] expected = Interop.values(dir, name, "velocity");
      assertArrayEquals(Arrays.copyOf(expected, 10 * 50 * 3),
          r.read(FrameRange.of(0, 10), AtomSelection.all(), EnumSet.of(Field.VELOCITY)).values(Field.VELOCITY));
      r.read(FrameRange.of(0, 10), AtomSelection.all(), EnumSet.of(Field.POSITION));
      return assertThrows(FormatException.class, () -> r.read(FrameRange.of(10, 20), AtomSelection.all(), EnumSet.of(Field.POSITION)));
    }
  }

  @Test
  void aChunkThatInflatesShortIsAnErrorNamingFileAndDataset() throws Exception {
    FormatException e = readChunk1("damaged_gzip_short");
    assertTrue(e.getMessage().contains("damaged_gzip_short.h5md: particles/trajectory/position/value"), e.getMessage());
    assertTrue(e.getMessage().contains("decodes to 5600 bytes, expected 6000"), e.getMessage());
  }

  @Test
  void anUnfilteredChunkStoredShortIsAnErrorNamingFileAndDataset() throws Exception {
    FormatException e = readChunk1("damaged_plain_short");
    assertTrue(e.getMessage().contains("damaged_plain_short.h5md: particles/trajectory/position/value"), e.getMessage());
    assertTrue(e.getMessage().contains("decodes to 5600 bytes, expected 6000"), e.getMessage());
  }

  @Test
  void aDeflateBombStopsAtTheChunkSize() throws Exception {
    FormatException e = readChunk1("damaged_gzip_bomb");
    assertTrue(e.getMessage().contains("damaged_gzip_bomb.h5md: particles/trajectory/position/value"), e.getMessage());
    assertTrue(e.getMessage().contains("inflates to more than the chunk's 6000 bytes"), e.getMessage());
  }

  @Test
  void deflateFilterStopsAtTheLimitToo() throws Exception {
    byte[] bomb = DeflateFilter.encode(new byte[8 << 20], 9);
    FilterFailure f = assertThrows(FilterFailure.class, () -> new DeflateFilter().decode(bomb, new int[0], 4096));
    assertTrue(f.getMessage().contains("more than the chunk's 4096 bytes"), f.getMessage());
    byte[] small = new byte[4096];
    new Random(1).nextBytes(small);
    assertArrayEquals(small, new DeflateFilter().decode(DeflateFilter.encode(small, 1), new int[0], 4096));
  }

  @Test
  void aCacheSmallerThanTheHeadPrefetchOpensFiles() throws Exception {
    ReadOptions small = ReadOptions.defaults().with("index", "none").with("cache.bytes", "192k");
    try (TrajectoryReader a = new H5mdFormat().open(new FileStore(dir), "mda_100_frames.h5md", small);
        TrajectoryReader b = new H5mdFormat().open(new FileStore(dir), "mda_100_frames.h5md", ReadOptions.defaults().with("index", "none"))) {
      assertEquals(b.info().frames(), a.info().frames());
      assertArrayEquals(b.read(FrameRange.of(0, 100), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions(),
          a.read(FrameRange.of(0, 100), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
    }
  }

  @Test
  void aReadLongerThanTheCacheReturnsTheRightBytes() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(5).nextBytes(data);
    MemoryStore m = new MemoryStore();
    m.write("x", data);
    try (StoreInput in = m.newInput("x")) {
      BlockCache cache = new BlockCache(in, data.length, 64 << 10, 4, 128 << 10);
      byte[] got = new byte[300_000];
      cache.read(10_000, got, 0, got.length);
      assertArrayEquals(Arrays.copyOfRange(data, 10_000, 310_000), got);
      cache.prefetch(0, 1 << 20);
      cache.read(900_000, got, 0, 100_000);
      assertArrayEquals(Arrays.copyOfRange(data, 900_000, 1_000_000), Arrays.copyOf(got, 100_000));
    }
  }

  /**
   * Metadata that refers back to itself (found by fuzzing: a 116-byte file whose object header
   * continuations loop) makes the metadata reader ask for the same bytes again and again: the
   * channel's read budget stops it after a bounded amount of work with a one-line error.
   */
  @Test
  void metadataReadsBeyondTheBudgetAreStopped() throws Exception {
    byte[] data = new byte[4096];
    MemoryStore m = new MemoryStore();
    m.write("x", data);
    try (StoreInput in = m.newInput("x")) {
      BlockCache cache = new BlockCache(in, data.length, 1024, 4, 64 << 10);
      long budget = 100_000;
      try (StoreFileChannel channel = new StoreFileChannel(cache, budget)) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1000);
        int reads = 0;
        java.io.IOException stopped = null;
        try {
          while (reads < 1_000) {
            b.clear();
            channel.read(b, 0);
            reads++;
          }
        } catch (java.io.IOException e) {
          stopped = e;
        }
        org.junit.jupiter.api.Assertions.assertNotNull(stopped, "reads went on past the budget");
        org.junit.jupiter.api.Assertions.assertTrue(reads > 50 && reads < 100, reads + " reads before the stop");
        org.junit.jupiter.api.Assertions.assertTrue(stopped.getMessage().contains("more than 100000 bytes")
            && stopped.getMessage().contains("4096 bytes"), stopped.getMessage());
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(StoreFileChannel.budgetFor(1L << 30) >= 64L << 30,
        "a real file's metadata may be read many times over");
  }
}
