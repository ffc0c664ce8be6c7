package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.LatencyStore;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests counted with {@link MeteredStore} over a {@link LatencyStore}. */
class RequestEconomyTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_100_frames", "mda_100_frames_chunk10");
    // an index beside a copy of the chunk-10 file
    FileStore fs = new FileStore(dir);
    fs.write("indexed.h5md", fs.readAll("mda_100_frames_chunk10.h5md"));
    new KerchunkIndexWriter().writeBeside(fs, "indexed.h5md", dir.resolve("indexed.h5md").toUri().toString());
  }

  static MeteredStore metered(Duration latency) {
    return new MeteredStore(new LatencyStore(new FileStore(dir), latency, 0));
  }

  @Test
  void openingA100FrameFileWithoutIndexTakesAtMost12Requests() throws Exception {
    for (String name : List.of("mda_100_frames", "mda_100_frames_chunk10")) {
      MeteredStore store = metered(Duration.ofMillis(1));
      try (TrajectoryReader r = new H5mdFormat().open(store, name + ".h5md", ReadOptions.defaults().with("index", "none"))) {
        assertEquals(100, r.info().frames());
        System.out.println(name + " open without index: " + store.snapshot());
        assertTrue(store.totalRequests() <= 12, name + ": " + store.snapshot());
      }
    }
  }

  @Test
  void openingThroughAnIndexTakesOneRoundTrip() throws Exception {
    // the index and the file's length (to tell a stale index) are fetched together
    RoundTrips store = new RoundTrips(new FileStore(dir), Duration.ofMillis(50));
    try (TrajectoryReader r = new H5mdFormat().open(store, "indexed.h5md", ReadOptions.defaults())) {
      assertEquals(100, r.info().frames());
      assertTrue(r.info().attributes().containsKey("index"), "opened through the index");
      System.out.println("open with index: " + store.log());
      assertEquals(1, store.roundTrips(), store.log().toString());
      assertEquals(2, store.requests(), store.log().toString());
    }
  }

  @Test
  void readingNWholeChunksTakesAtMostNRangeRequests() throws Exception {
    MeteredStore store = metered(Duration.ofMillis(1));
    try (TrajectoryReader r = new H5mdFormat().open(store, "mda_100_frames_chunk10.h5md", ReadOptions.defaults().with("index", "none"))) {
      store.reset();
      // 3 whole position chunks (frames 20-49): at most 3 requests, never one per frame
      FrameBlock b = r.read(FrameRange.of(20, 50), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertEquals(30, b.frameCount());
      System.out.println("3 chunks: " + store.snapshot());
      assertTrue(store.totalRequests() <= 3, store.snapshot().toString());
      store.reset();
      // every frame of one chunk, one frame at a time through 1-frame reads is 10 reads; one read of the chunk is 1
      r.read(FrameRange.of(60, 70), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertEquals(1, store.totalRequests(), store.snapshot().toString());
    }
  }

  @Test
  void eightChunksAreInFlightTogether() throws Exception {
    // a long round trip, so that thread start-up on a busy machine cannot serialise the requests
    MeteredStore store = metered(Duration.ofMillis(150));
    // no head kept from the open (it would serve the first chunks from memory), no merging
    ReadOptions noMerge = ReadOptions.defaults().with("index", "none").with("coalesce-gap", "-1").with("cache.head", "0");
    try (TrajectoryReader r = new H5mdFormat().open(store, "mda_100_frames.h5md", noMerge)) {
      store.reset();
      // 8 frames, one chunk each, in one read
      long t0 = System.nanoTime();
      FrameBlock b = r.read(new FrameRange(0, 80, 10), AtomSelection.all(), EnumSet.of(Field.POSITION));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("8 chunks in one read: " + store.snapshot() + " max in flight " + store.maxConcurrentReads() + ", " + ms + " ms");
      assertEquals(8, b.frameCount());
      assertEquals(8, store.totalRequests());
      assertEquals(8, store.maxConcurrentReads(), "all 8 chunk reads in flight together");
      // and from 8 threads, one frame each
      store.reset();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<FrameBlock>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          fs.add(r.readAsync(FrameRange.single(i * 10 + 1), AtomSelection.all(), EnumSet.of(Field.POSITION), pool));
        }
        List<FrameBlock> got = new ArrayList<>();
        fs.forEach(f -> got.add(f.join()));
        System.out.println("8 threads: max in flight " + store.maxConcurrentReads());
        assertEquals(8, store.maxConcurrentReads(), "8 single-chunk reads from 8 threads in flight together");
        for (int i = 0; i < 8; i++) {
          assertArrayEquals(
              r.read(FrameRange.single(i * 10 + 1), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions(),
              got.get(i).positions());
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
