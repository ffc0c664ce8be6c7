package io.trajstream.analysis.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FrameSampler} over three zarrmd trajectories of different lengths with 7-frame chunks:
 * every frame exactly once per epoch with the values the reader gives for it, the same order for
 * the same seed and epoch and another for another, windows that mix only their own chunks, ranks
 * that split the frames disjointly and completely, concurrent consumers, and one fetch per chunk
 * per epoch (the bytes a {@link MeteredStore} sees, against what is stored).
 */
class FrameSamplerTest {
  private static final int ATOMS = 20;
  private static final int[] FRAMES = {50, 23, 64};
  private static final int CHUNK = 7;

  @TempDir Path dir;
  private final List<TrajectoryReader> readers = new ArrayList<>();
  private long total;

  @BeforeEach
  void write() throws IOException {
    for (int s = 0; s < FRAMES.length; s++) {
      SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES[s]).seed(s + 1)
          .fields(EnumSet.of(Field.POSITION)).build();
      String key = "s" + s + ".zarrmd";
      t.writeTo(new ZarrmdFormat(), new FileStore(dir), key,
          WriteOptions.defaults().with("chunk-frames", Integer.toString(CHUNK)), 16);
      readers.add(new ZarrmdFormat().open(new FileStore(dir), key, ReadOptions.defaults()));
      total += FRAMES[s];
    }
  }

  @AfterEach
  void close() throws IOException {
    for (TrajectoryReader r : readers) {
      r.close();
    }
  }

  private FrameSampler.Builder sampler() {
    return FrameSampler.builder(readers).batchSize(5).seed(7).windowChunks(3).readAheadChunks(4).ioThreads(2);
  }

  private static List<Long> ids(FrameSampler.Epoch epoch) {
    List<Long> out = new ArrayList<>();
    for (Batch b : epoch) {
      for (long id : b.ids()) {
        out.add(id);
      }
    }
    return out;
  }

  @Test
  void everyFrameOncePerEpochWithItsOwnValues() throws IOException {
    AtomSelection atoms = AtomSelection.of(1, 4, 19);
    try (FrameSampler s = sampler().atoms(atoms).build()) {
      assertEquals(total, s.totalFrames());
      for (int epoch = 0; epoch < 2; epoch++) {
        BitSet seen = new BitSet();
        int batches = 0;
        for (Batch b : s.epoch(epoch)) {
          assertTrue(b.frames() == 5 || batches == (int) (total / 5), "only the last batch is short");
          assertEquals(3, b.atoms());
          for (int i = 0; i < b.frames(); i++) {
            long id = b.ids()[i];
            assertFalse(seen.get((int) id), "frame " + id + " twice in epoch " + epoch);
            seen.set((int) id);
            int[] where = s.locate(id);
            FrameBlock direct = readers.get(where[0]).read(FrameRange.single(where[1]), atoms, EnumSet.of(Field.POSITION));
            float[] got = java.util.Arrays.copyOfRange(b.values(), i * 9, i * 9 + 9);
            assertArrayEquals(direct.positions(), got, "values of frame " + id);
          }
          batches++;
        }
        assertEquals(total, seen.cardinality(), "epoch " + epoch + " covers every frame");
        assertEquals((int) ((total + 4) / 5), batches);
      }
    }
  }

  @Test
  void theOrderFollowsFromSeedAndEpochAlone() {
    try (FrameSampler a = sampler().build(); FrameSampler b = sampler().ioThreads(3).readAheadChunks(9).build();
        FrameSampler c = sampler().seed(8).build()) {
      List<Long> a0 = ids(a.epoch(0));
      assertEquals(a0, ids(b.epoch(0)), "same seed, same order (whatever the read-ahead)");
      assertEquals(a0, ids(a.epoch(0)), "an epoch repeats");
      assertNotEquals(a0, ids(a.epoch(1)), "another epoch, another order");
      assertNotEquals(a0, ids(c.epoch(0)), "another seed, another order");
      List<Long> sorted = new ArrayList<>(a0);
      sorted.sort(null);
      assertNotEquals(sorted, a0, "shuffled");
    }
  }

  @Test
  void sequentialOrderIsFileOrder() {
    try (FrameSampler s = sampler().shuffle(false).build()) {
      List<Long> ids = ids(s.epoch(0));
      for (int i = 0; i < ids.size(); i++) {
        assertEquals(i, ids.get(i));
      }
      assertEquals(total, ids.size());
    }
  }

  @Test
  void aWindowMixesFramesOfItsOwnChunksOnly() {
    try (FrameSampler s = sampler().batchSize(1).build()) {
      FrameSampler.Epoch e = s.epoch(0);
      // the first window is 3 chunks of 7 frames unless it holds a short last chunk of a source
      Set<String> chunks = new HashSet<>();
      for (int i = 0; i < 15; i++) {
        int[] where = s.locate(e.poll().ids()[0]);
        chunks.add(where[0] + ":" + where[1] / CHUNK);
      }
      assertTrue(chunks.size() <= 3, "15 frames of the first window come from " + chunks);
      e.close();
      assertEquals(null, e.poll());
    }
  }

  @Test
  void ranksSplitTheFramesDisjointlyAndCompletely() {
    int world = 3;
    BitSet seen = new BitSet();
    long sum = 0;
    for (int rank = 0; rank < world; rank++) {
      try (FrameSampler s = sampler().rank(rank, world).build()) {
        List<Long> ids = ids(s.epoch(2));
        assertEquals(s.frames(2), ids.size());
        sum += ids.size();
        for (long id : ids) {
          assertFalse(seen.get((int) id), "frame " + id + " on two ranks");
          seen.set((int) id);
        }
      }
    }
    assertEquals(total, sum);
    assertEquals(total, seen.cardinality());
  }

  @Test
  void concurrentConsumersShareAnEpoch() throws InterruptedException {
    try (FrameSampler s = sampler().build()) {
      FrameSampler.Epoch e = s.epoch(0);
      ConcurrentLinkedQueue<Long> got = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th = new Thread(() -> {
          for (Batch b = e.poll(); b != null; b = e.poll()) {
            for (long id : b.ids()) {
              got.add(id);
            }
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertEquals(total, got.size());
      assertEquals(total, new HashSet<>(got).size());
    }
  }

  @Test
  void eachZarrmdChunkIsFetchedOncePerEpoch() throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(1000).frames(300).seed(3)
        .fields(EnumSet.of(Field.POSITION)).build();
    t.writeTo(new ZarrmdFormat(), new FileStore(dir), "big.zarrmd", WriteOptions.defaults().with("chunk-frames", "10"), 50);
    long stored = treeBytes(dir.resolve("big.zarrmd"));
    MeteredStore store = new MeteredStore(new FileStore(dir));
    try (TrajectoryReader r = new ZarrmdFormat().open(store, "big.zarrmd", ReadOptions.defaults())) {
      assertFetchedOnce(List.of(r), store, stored, "zarrmd");
    }
  }

  @Test
  void eachH5mdChunkIsFetchedOncePerEpoch() throws IOException {
    TestEnvironment.requirePython("h5py", "numpy");
    String script;
    try (InputStream in = getClass().getResourceAsStream("/python/write_chunked_h5md.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String out = TestEnvironment.python(script, dir.resolve("big.h5md").toString(), "300", "1000", "10");
    long positionBytes = new ObjectMapper().readTree(out).get("position").asLong();
    MeteredStore store = new MeteredStore(new FileStore(dir));
    // a small head read at open (metadata), so that the epoch itself fetches nearly every chunk
    try (TrajectoryReader r = new H5mdFormat().open(store, "big.h5md",
        ReadOptions.defaults().with("index", "none").with("cache.head", "16384"))) {
      assertFetchedOnce(List.of(r), store, positionBytes, "h5md (against its position chunks)");
    }
  }

  private static void assertFetchedOnce(List<TrajectoryReader> sources, MeteredStore store, long stored, String what) {
    try (FrameSampler s = FrameSampler.builder(sources).batchSize(32).seed(7).windowChunks(2).readAheadChunks(4).build()) {
      for (int epoch = 0; epoch < 2; epoch++) {
        store.reset();
        long frames = 0;
        for (Batch b : s.epoch(epoch)) {
          frames += b.frames();
        }
        long fetched = store.bytes(MeteredStore.Operation.GET);
        String msg = what + " epoch " + epoch + ": fetched " + fetched + " bytes, stored " + stored
            + String.format(" (%.3f)", (double) fetched / stored);
        System.out.println(msg);
        assertEquals(300, frames);
        assertTrue(fetched >= 0.95 * stored && fetched <= 1.05 * stored, msg);
      }
    }
  }

  private static long treeBytes(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
