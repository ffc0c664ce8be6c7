package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.read.ChunkDecoder;
import io.trajstream.h5md.read.ChunkFetcher;
import io.trajstream.h5md.read.ChunkTask;
import io.trajstream.h5md.read.DecodeWorkers;
import io.trajstream.h5md.read.Slabs;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.FileStore;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks of one read decode on several threads of the reader's own pool (option {@code
 * decode-threads}); the values are h5py's whatever the thread count, errors keep their message,
 * and the requests are those of a single-threaded read.
 */
class ParallelDecodeTest {
  @TempDir static Path dir;

  private static final List<String> VARIANTS = List.of("mda_100_frames_chunk10", "h5_shuffle_gzip",
      "h5_shuffle_fletcher_gzip", "mda_lzf", "mda_contiguous", "mda_chunk1");

  @BeforeAll
  static void write() throws Exception {
    List<String> all = new ArrayList<>(VARIANTS);
    all.add("h5_fletcher32");
    Interop.make(dir, all.toArray(String[]::new));
  }

  /** Parallel decoding even of small reads. */
  static ReadOptions parallel(int threads) {
    return ReadOptions.defaults().with("index", "none").with("decode-threads", Integer.toString(threads))
        .with("decode-parallel-min", "0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_100_frames_chunk10", "h5_shuffle_gzip", "h5_shuffle_fletcher_gzip", "mda_lzf",
      "mda_contiguous", "mda_chunk1"})
  void everyValueEqualsH5pyWithOneTwoAndFourDecodeThreads(String name) throws Exception {
    Map<?, ?> ref = Interop.ref(dir, name);
    int frames = ((Number) ref.get("frames")).intValue();
    int atoms = ((Number) ref.get("atoms")).intValue();
    for (int threads : new int[] {1, 2, 4}) {
      try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), name + ".h5md", parallel(threads))) {
        FrameBlock all = r.read(FrameRange.of(0, frames), AtomSelection.all(), EnumSet.allOf(Field.class));
        int[] sel = {0, 2, 3, atoms / 2, atoms - 1};
        FrameBlock some = r.read(new FrameRange(1, frames, 3), AtomSelection.of(sel), EnumSet.allOf(Field.class));
        for (Object f : (List<?>) ref.get("fields")) {
          Field field = Field.parse((String) f);
          float[] want = Interop.values(dir, name, (String) f);
          assertArrayEquals(want, all.require(field), name + " " + field + " threads=" + threads);
          float[] got = some.require(field);
          for (int i = 0; i < some.frameCount(); i++) {
            for (int a = 0; a < sel.length; a++) {
              for (int k = 0; k < 3; k++) {
                assertEquals(want[(some.frame(i) * atoms + sel[a]) * 3 + k], got[(i * sel.length + a) * 3 + k],
                    name + " " + field + " threads=" + threads + " frame " + some.frame(i) + " atom " + sel[a]);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void chunksOfOneReadDecodeAtTheSameTimeOnTheCallerAndAPoolThreadOfOurOwn() throws Exception {
    String name = "mda_100_frames_chunk10";
    try (StoreInput in = new FileStore(dir).newInput(name + ".h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, name, ReadOptions.defaults());
        DecodeWorkers workers = new DecodeWorkers("test-decode", 2, 0)) {
      H5Dataset ds = s.root().dataset("particles/trajectory/position/value");
      int frames = (int) ds.shape()[0];
      int atoms = (int) ds.shape()[1];
      int[] rows = IntStream.range(0, frames).toArray();
      Slabs slabs = new Slabs(8 << 20);
      float[] serial = new float[frames * atoms * 3];
      new ChunkFetcher(in, new ChunkDecoder(name), VectoredReadOptions.DEFAULT, new DecodeWorkers("serial", 1, 0))
          .run(slabs.rows(ds, rows, rows, null, serial));

      // the first two chunks wait for each other: a read that decodes one chunk at a time times out here
      CyclicBarrier bothDecoding = new CyclicBarrier(2);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      AtomicInteger arrived = new AtomicInteger();
      float[] out = new float[serial.length];
      List<ChunkTask> tasks = new ArrayList<>();
      for (ChunkTask t : slabs.rows(ds, rows, rows, null, out)) {
        tasks.add(new ChunkTask(t.dataset(), t.origin(), t.shape(), t.ref(), (task, decoded) -> {
          threads.add(Thread.currentThread().getName());
          if (arrived.getAndIncrement() < 2) {
            try {
              bothDecoding.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("the first two chunks were not decoded at the same time", e);
            }
          }
          t.sink().accept(task, decoded);
        }));
      }
      assertEquals(10, tasks.size());
      new ChunkFetcher(in, new ChunkDecoder(name), VectoredReadOptions.DEFAULT, workers).run(tasks);
      assertArrayEquals(serial, out);
      assertTrue(threads.contains(Thread.currentThread().getName()), "the caller decodes too: " + threads);
      assertTrue(threads.stream().anyMatch(n -> n.startsWith("test-decode-")), "a thread of the reader's pool: " + threads);
      assertFalse(threads.stream().anyMatch(n -> n.contains("ForkJoinPool")), "never the common pool: " + threads);
      assertEquals(2, threads.size(), "at most decode-threads threads: " + threads);
    }
  }

  @Test
  void aCorruptChunkFailsWithTheFilterDatasetAndFileWhicheverThreadDecodesIt() throws Exception {
    Path copy = dir.resolve("corrupt.h5md");
    Files.copy(dir.resolve("h5_fletcher32.h5md"), copy);
    ChunkRef chunk;
    try (StoreInput in = new FileStore(dir).newInput("corrupt.h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, "x", ReadOptions.defaults())) {
      chunk = s.root().dataset("particles/trajectory/velocity/value").chunks().get(2L);
    }
    try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
      raf.seek(chunk.offset() + 100);
      int b = raf.read();
      raf.seek(chunk.offset() + 100);
      raf.write(b ^ 0x10);
    }
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "corrupt.h5md", parallel(4))) {
      for (int rep = 0; rep < 5; rep++) {
        FormatException e = assertThrows(FormatException.class,
            () -> r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.allOf(Field.class)));
        assertTrue(e.getMessage().contains("corrupt.h5md: particles/trajectory/velocity/value"), e.getMessage());
        assertTrue(e.getMessage().contains("fletcher32") && e.getMessage().contains("checksum mismatch"), e.getMessage());
      }
      // the reader still reads what is intact
      FrameBlock ok = r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertArrayEquals(Interop.values(dir, "h5_fletcher32", "position"), ok.positions());
    }
  }

  @Test
  void parallelDecodingMakesTheSameRequests() throws Exception {
    String name = "mda_100_frames_chunk10.h5md";
    long[] requests = new long[2];
    float[][] values = new float[2][];
    int k = 0;
    for (int threads : new int[] {1, 4}) {
      MeteredStore store = new MeteredStore(new FileStore(dir));
      try (TrajectoryReader r = new H5mdFormat().open(store, name, parallel(threads))) {
        store.reset();
        values[k] = r.read(FrameRange.of(0, 100), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions();
        requests[k++] = store.totalRequests();
        store.reset();
        r.read(FrameRange.of(20, 50), AtomSelection.all(), EnumSet.of(Field.POSITION));
        assertTrue(store.totalRequests() <= 3, "3 chunks, threads=" + threads + ": " + store.snapshot());
      }
    }
    assertEquals(requests[0], requests[1], "requests for 10 chunks with 1 and 4 decode threads");
    assertArrayEquals(values[0], values[1]);
  }

  @Test
  void decodeThreadsMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new H5mdFormat().open(new FileStore(dir), "mda_lzf.h5md", ReadOptions.defaults().with("decode-threads", "0")));
    assertTrue(e.getMessage().contains("decode-threads"), e.getMessage());
    assertNotEquals(0, H5mdReader.decodeThreads(ReadOptions.defaults()));
  }
}
