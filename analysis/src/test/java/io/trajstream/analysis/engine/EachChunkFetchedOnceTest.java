package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.RadiusOfGyration;
import io.trajstream.analysis.builtin.Rdf;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In one run every stored chunk is fetched at most once, whatever the chunk length against the
 * block size: the bytes a {@link MeteredStore} sees during a run stay within 2% of the stored bytes
 * of the fields the analysis reads, for chunks of 1, 10, 395 and all frames, for zarrmd written by
 * our writer and H5MD written by h5py; results equal a serial run in one block.
 */
class EachChunkFetchedOnceTest {
  private static final int FRAMES = 500;
  /**
   * Atoms per frame (12 KB frames). With much smaller frames, 1-frame H5MD chunks are only a few KB
   * and the HDF5 chunk index nodes between them, taken along when close ranges are merged into one
   * request, add a few percent (200 atoms: 2.6%); that is the merging's trade, not a chunk read twice.
   */
  private static final int ATOMS = 1000;
  private static final int[] CHUNKS = {1, 10, 395, FRAMES};

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"zarrmd", "h5md"})
  void aRunFetchesEachChunkOnce(String format) throws IOException {
    for (int chunk : CHUNKS) {
      String key = "c" + chunk + "." + format;
      Map<Field, Long> stored = format.equals("zarrmd") ? writeZarrmd(key, chunk) : writeH5md(key, chunk);
      MeteredStore store = new MeteredStore(new FileStore(dir));
      try (TrajectoryReader reader = format.equals("zarrmd")
          ? new ZarrmdFormat().open(store, key, ReadOptions.defaults())
          : new H5mdFormat().open(store, key, ReadOptions.defaults().with("index", "none"))) {
        List<Analysis<?, ?>> analyses = List.of(new RadiusOfGyration(Weights.NONE), new Rdf(20, 0, 10, "index 0:99", "index 100:199"));
        for (Analysis<?, ?> a : analyses) {
          long fieldBytes = a.fields().stream().mapToLong(stored::get).sum();
          String serial = ((AnalysisResult) AnalysisEngine.run(reader, a,
              RunOptions.builder().threads(1).ioThreads(1).chunksPerBlock(1 << 20).build())).toJson();
          for (long blockBytes : new long[] {RunOptions.DEFAULT_BLOCK_BYTES, 64 << 10}) {
            store.reset();
            RunOptions o = RunOptions.builder().threads(2).ioThreads(4).blockBytes(blockBytes).build();
            AnalysisResult r = (AnalysisResult) AnalysisEngine.run(reader, a, o);
            long fetched = store.bytes(MeteredStore.Operation.GET);
            String what = format + " " + a.name() + ", " + chunk + "-frame chunks, blocks of " + blockBytes
                + " bytes: fetched " + fetched + " bytes, " + a.fields() + " stored in " + fieldBytes + " ("
                + AnalysisEngine.plan(reader, a.fields(), o) + ")";
            System.out.println(what);
            assertTrue(fetched > 0 && fetched <= 1.02 * fieldBytes, what);
            assertEquals(serial, r.toJson(), what);
          }
        }
      }
    }
  }

  /**
   * A field sampled at every other frame has chunks of its own samples, which span twice the frames
   * of the position chunks: the readers tell the engine where they are, so they too are fetched once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"zarrmd", "h5md"})
  void aFieldSampledAtEveryOtherFrameIsFetchedOnceToo(String format) throws IOException {
    Analysis<?, ?> a = new AnalysisEngineTest.SlowRg(0) {
      private static final long serialVersionUID = 1L;

      @Override
      public java.util.Set<Field> fields() {
        return EnumSet.of(Field.POSITION, Field.VELOCITY);
      }
    };
    for (int chunk : new int[] {1, 10, 395}) {
      String key = "sparse" + chunk + "." + format;
      Map<Field, Long> stored = format.equals("zarrmd") ? writeSparseZarrmd(key, chunk) : writeH5md(key, chunk, "sparse");
      MeteredStore store = new MeteredStore(new FileStore(dir));
      try (TrajectoryReader reader = format.equals("zarrmd")
          ? new ZarrmdFormat().open(store, key, ReadOptions.defaults())
          : new H5mdFormat().open(store, key, ReadOptions.defaults().with("index", "none"))) {
        assertEquals(Math.min(chunk, (FRAMES + 1) / 2), reader.info().framesPerChunk(Field.VELOCITY));
        assertTrue(reader.storageChunk(Field.VELOCITY, 1) < 0, "no velocity at frame 1");
        if (2 * chunk < FRAMES) {
          // sample k is at frame 2k: the second velocity chunk starts at frame 2 * chunk
          assertEquals(0, reader.storageChunk(Field.VELOCITY, 2 * chunk - 2));
          assertEquals(1, reader.storageChunk(Field.VELOCITY, 2 * chunk));
        }
        long fieldBytes = stored.get(Field.POSITION) + stored.get(Field.VELOCITY);
        String serial = ((AnalysisResult) AnalysisEngine.run(reader, a,
            RunOptions.builder().threads(1).ioThreads(1).chunksPerBlock(1 << 20).build())).toJson();
        for (long blockBytes : new long[] {RunOptions.DEFAULT_BLOCK_BYTES, 64 << 10}) {
          store.reset();
          RunOptions o = RunOptions.builder().threads(2).ioThreads(4).blockBytes(blockBytes).build();
          AnalysisResult r = (AnalysisResult) AnalysisEngine.run(reader, a, o);
          long fetched = store.bytes(MeteredStore.Operation.GET);
          String what = format + " velocity at every other frame, " + chunk + "-sample chunks, blocks of "
              + blockBytes + " bytes: fetched " + fetched + " bytes, position and velocity stored in " + fieldBytes
              + " (" + AnalysisEngine.plan(reader, a.fields(), o) + ")";
          System.out.println(what);
          assertTrue(fetched > 0 && fetched <= 1.02 * fieldBytes, what);
          assertEquals(serial, r.toJson(), what);
        }
      }
    }
  }

  /** Writes the synthetic trajectory as zarrmd with velocity at even frames only. */
  private Map<Field, Long> writeSparseZarrmd(String key, int chunk) throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES).seed(5)
        .fields(EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX)).build();
    TrajectoryWriter w = new ZarrmdFormat().create(new FileStore(dir), key, t.info(),
        WriteOptions.defaults().with("chunk-frames", Integer.toString(chunk)));
    int width = 3 * ATOMS;
    for (int start = 0; start < FRAMES; start += 97) {
      FrameBlock full = t.block(start, Math.min(FRAMES, start + 97));
      FrameBlock.Builder b = FrameBlock.builder(full.frames(), full.atoms());
      for (int i = 0; i < full.frameCount(); i++) {
        b.step(i, full.step(i)).time(i, full.time(i));
        b.set(Field.POSITION, i, full.positions(), i * width);
        b.set(Field.BOX, i, full.values(Field.BOX), i * 6);
        if (full.frame(i) % 2 == 0) {
          b.set(Field.VELOCITY, i, full.values(Field.VELOCITY), i * width);
        }
      }
      b.declare(Field.VELOCITY);
      w.append(b.build());
    }
    w.close();
    Map<Field, Long> stored = new EnumMap<>(Field.class);
    stored.put(Field.POSITION, chunkBytes(dir.resolve(key).resolve("particles/all/position/value")));
    stored.put(Field.VELOCITY, chunkBytes(dir.resolve(key).resolve("particles/all/velocity/value")));
    return stored;
  }

  /** Writes the synthetic trajectory as zarrmd with {@code chunk} frames per chunk; stored bytes per field. */
  private Map<Field, Long> writeZarrmd(String key, int chunk) throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES).seed(5)
        .fields(EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX)).build();
    t.writeTo(new ZarrmdFormat(), new FileStore(dir), key, WriteOptions.defaults().with("chunk-frames",
        Integer.toString(chunk)), 97);
    Map<Field, Long> stored = new EnumMap<>(Field.class);
    stored.put(Field.POSITION, chunkBytes(dir.resolve(key).resolve("particles/all/position/value")));
    stored.put(Field.VELOCITY, chunkBytes(dir.resolve(key).resolve("particles/all/velocity/value")));
    stored.put(Field.BOX, chunkBytes(dir.resolve(key).resolve("particles/all/box/edges/value")));
    return stored;
  }

  /** Bytes of the chunk objects of a Zarr array directory (its metadata files start with a dot). */
  private static long chunkBytes(Path array) throws IOException {
    assertTrue(Files.isDirectory(array), "no array at " + array);
    try (Stream<Path> files = Files.list(array)) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Writes an H5MD file with h5py with {@code chunk} frames per chunk; stored bytes per field. */
  private Map<Field, Long> writeH5md(String key, int chunk, String... extra) throws IOException {
    TestEnvironment.requirePython("h5py", "numpy");
    String script;
    try (InputStream in = getClass().getResourceAsStream("/python/write_chunked_h5md.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> args = new java.util.ArrayList<>(List.of(dir.resolve(key).toString(), Integer.toString(FRAMES),
        Integer.toString(ATOMS), Integer.toString(chunk)));
    args.addAll(List.of(extra));
    String out = TestEnvironment.python(script, args.toArray(String[]::new));
    JsonNode json = new ObjectMapper().readTree(out);
    Map<Field, Long> stored = new EnumMap<>(Field.class);
    for (Field f : EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX)) {
      stored.put(f, json.get(f.key()).asLong());
    }
    return stored;
  }
}
