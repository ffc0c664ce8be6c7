package io.trajstream.h5md.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.MdAnalysisTrajectories;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files the H5MD writer produces are read equal by our own reader, by h5py (HDF5 itself) and by
 * MDAnalysis's H5MDReader: positions, velocities, forces, box, time, step and units.
 */
class H5mdWriterTest {
  private static final int ATOMS = 7; // odd on purpose
  private static final int FRAMES = 23;

  @TempDir Path dir;

  private static SyntheticTrajectory trajectory() {
    return SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES).seed(11).stepsPerFrame(50).timeStep(0.25)
        .fields(EnumSet.of(Field.POSITION, Field.VELOCITY, Field.FORCE, Field.BOX)).build();
  }

  /** Writes {@code t} in blocks of 4 frames (not aligned with the chunks). */
  private Path write(SyntheticTrajectory t, String name, WriteOptions options) throws IOException {
    t.writeTo(new H5mdFormat(), new FileStore(dir), name, options, 4);
    return dir.resolve(name);
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("none", 1), Arguments.of("none", 10), Arguments.of("none", FRAMES),
        Arguments.of("gzip:4", 1), Arguments.of("gzip:4", 10), Arguments.of("gzip:4", FRAMES),
        Arguments.of("gzip:6:shuffle", 10));
  }

  @ParameterizedTest(name = "{0}, {1} frames per chunk")
  @MethodSource("layouts")
  void ourReaderReadsWhatWasWritten(String compressor, int chunkFrames) throws IOException {
    SyntheticTrajectory t = trajectory();
    String name = "t-" + compressor.replace(':', '_') + "-" + chunkFrames + ".h5md";
    write(t, name, WriteOptions.defaults().with("compressor", compressor).with("chunk-frames", Integer.toString(chunkFrames)));
    FrameBlock expected = t.block(0, FRAMES);
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), name, ReadOptions.defaults().with("index", "none"))) {
      TrajectoryInfo info = r.info();
      assertEquals(ATOMS, info.atoms());
      assertEquals(FRAMES, info.frames());
      assertEquals(t.info().fields(), info.fields());
      assertEquals(chunkFrames, info.framesPerChunk(Field.POSITION));
      for (Field f : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE, Field.BOX)) {
        assertEquals(t.info().unit(f), info.unit(f), f.key());
      }
      assertEquals("ps", info.timeUnit());
      assertEquals("TrajStream testkit", info.author());
      assertEquals("trajstream-testkit", info.creator());
      assertEquals(List.of("periodic", "periodic", "periodic"), info.boundary());
      FrameBlock got = r.read(FrameRange.of(0, FRAMES), AtomSelection.all(), t.fields());
      for (int i = 0; i < FRAMES; i++) {
        assertEquals(expected.step(i), got.step(i));
        assertEquals(expected.time(i), got.time(i));
      }
      for (Field f : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
        assertArrayEquals(expected.values(f), got.values(f), f.key());
      }
      assertArrayEquals(expected.values(Field.BOX), got.values(Field.BOX), 1e-4f);
    }
  }

  @Test
  void mdanalysisReadsWhatWasWritten() throws IOException {
    SyntheticTrajectory t = trajectory();
    FrameBlock expected = t.block(0, FRAMES);
    for (String compressor : List.of("gzip:4", "none")) {
      Path f = write(t, "mda-" + compressor.replace(':', '_') + ".h5md",
          WriteOptions.defaults().with("compressor", compressor).with("chunk-frames", "10"));
      MdAnalysisTrajectories.Reference ref = MdAnalysisTrajectories.read(f, "H5MD");
      assertEquals(FRAMES, ref.frames());
      assertEquals(ATOMS, ref.atoms());
      for (int i = 0; i < FRAMES; i++) {
        assertEquals(expected.step(i), ref.steps()[i], "step of frame " + i);
        assertEquals(expected.time(i), ref.times()[i], 1e-12, "time of frame " + i);
      }
      for (Field fl : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
        assertArrayEquals(expected.values(fl), ref.values(fl), fl.key());
      }
      assertArrayEquals(expected.values(Field.BOX), ref.boxes(), 1e-4f);
    }
  }

  /** h5py's view: every dataset as float64 plus shape, chunks, compression and string attributes. */
  private static final String H5PY_DUMP = String.join("\n",
      "import sys, os, h5py, numpy as np",
      "out = sys.argv[2]",
      "lines = []",
      "def visit(name, obj):",
      "    for k, v in obj.attrs.items():",
      "        v = v.tolist() if hasattr(v, 'tolist') else v",
      "        lines.append('attr\\t%s\\t%s\\t%s' % (name, k, v if not isinstance(v, list) else ','.join(map(str, v))))",
      "    if isinstance(obj, h5py.Dataset):",
      "        lines.append('dset\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s' % (name, list(obj.shape), obj.dtype.str, obj.chunks, obj.compression,",
      "                     obj.shuffle))",
      "        np.asarray(obj[()], dtype='<f8').tofile(os.path.join(out, name.replace('/', '__')))",
      "with h5py.File(sys.argv[1], 'r') as f:",
      "    f.visititems(visit)",
      "print('\\n'.join(sorted(lines)))");

  private static double[] doubles(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    double[] d = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(d);
    return d;
  }

  @Test
  void h5pyReadsValuesUnitsAndLayout() throws IOException {
    TestEnvironment.requirePython("h5py", "numpy");
    SyntheticTrajectory t = trajectory();
    Path f = write(t, "h5py.h5md", WriteOptions.defaults().with("compressor", "gzip:5:shuffle").with("chunk-frames", "10"));
    Path out = Files.createDirectory(dir.resolve("dump"));
    String listing = TestEnvironment.python(H5PY_DUMP, f.toString(), out.toString());
    List<String> lines = listing.lines().toList();
    assertTrue(lines.contains("attr\th5md\tversion\t1,1"), listing);
    assertTrue(lines.contains("attr\th5md/author\tname\tTrajStream testkit"), listing);
    assertTrue(lines.contains("attr\th5md/creator\tname\ttrajstream-testkit"), listing);
    assertTrue(lines.contains("attr\tparticles/all/box\tboundary\tperiodic,periodic,periodic"), listing);
    assertTrue(lines.contains("attr\tparticles/all/box\tdimension\t3"), listing);
    assertTrue(lines.contains("attr\tparticles/all/position/value\tunit\tAngstrom"), listing);
    assertTrue(lines.contains("attr\tparticles/all/velocity/value\tunit\tAngstrom ps-1"), listing);
    assertTrue(lines.contains("attr\tparticles/all/force/value\tunit\tkJ mol-1 Angstrom-1"), listing);
    assertTrue(lines.contains("attr\tparticles/all/position/time\tunit\tps"), listing);
    assertTrue(lines.contains("dset\tparticles/all/position/value\t[23, 7, 3]\t<f4\t(10, 7, 3)\tgzip\tTrue"), listing);
    assertTrue(lines.contains("dset\tparticles/all/box/edges/value\t[23, 3, 3]\t<f4\t(10, 3, 3)\tgzip\tTrue"), listing);
    assertTrue(lines.contains("dset\tparticles/all/position/step\t[23]\t<i8\t(32768,)\tgzip\tTrue"), listing);
    FrameBlock expected = t.block(0, FRAMES);
    for (Field fl : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
      double[] got = doubles(out.resolve("particles__all__" + fl.key() + "__value"));
      float[] want = expected.values(fl);
      assertEquals(want.length, got.length);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], (float) got[i], fl.key() + "[" + i + "]");
      }
    }
    double[] steps = doubles(out.resolve("particles__all__box__edges__step"));
    double[] times = doubles(out.resolve("particles__all__force__time"));
    double[] edges = doubles(out.resolve("particles__all__box__edges__value"));
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(expected.step(i), (long) steps[i]);
      assertEquals(expected.time(i), times[i]);
      float[] box = expected.box(i);
      assertEquals(box[0], edges[i * 9], 1e-4);
      assertEquals(box[1], edges[i * 9 + 4], 1e-4);
      assertEquals(box[2], edges[i * 9 + 8], 1e-4);
      assertEquals(0.0, edges[i * 9 + 1], 1e-4);
    }
  }

  @Test
  void framesMissingAFieldKeepTheirOwnSteps() throws IOException {
    // velocities only at even frames: the velocity element gets its own step array
    int n = 6;
    int[] frames = {0, 1, 2, 3, 4, 5};
    FrameBlock.Builder b = FrameBlock.builder(frames, new int[] {0, 1, 2});
    for (int i = 0; i < n; i++) {
      b.step(i, 100 + 10 * i).time(i, 1.0 + i);
      b.set(Field.POSITION, i, new float[] {i, i + 0.5f, 2, 3, 4, 5, 6, 7, 8}, 0);
      if (i % 2 == 0) {
        b.set(Field.VELOCITY, i, new float[] {-i, 1, 2, 3, 4, 5, 6, 7, 8}, 0);
      }
    }
    FrameBlock block = b.build();
    TrajectoryInfo info = TrajectoryInfo.builder("test", 3, new long[] {100, 110, 120, 130, 140, 150})
        .times(new double[] {1, 2, 3, 4, 5, 6}).timeUnit("ps").field(Field.POSITION, "nm").field(Field.VELOCITY, "nm ps-1").build();
    try (TrajectoryWriter w = new H5mdFormat().create(new FileStore(dir), "gaps.h5md", info, WriteOptions.defaults())) {
      w.append(block);
    }
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "gaps.h5md", ReadOptions.defaults().with("index", "none"))) {
      FrameBlock got = r.read(FrameRange.of(0, n), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.VELOCITY));
      assertArrayEquals(block.values(Field.POSITION), got.values(Field.POSITION));
      for (int i = 0; i < n; i++) {
        assertEquals(i % 2 == 0, got.has(Field.VELOCITY, i), "velocity at frame " + i);
        assertEquals(100 + 10 * i, got.step(i));
      }
      assertEquals(-4f, got.values(Field.VELOCITY)[4 * 9]);
    }
  }

  @Test
  void aBlockWithAnotherAtomCountIsRefusedAndNothingIsPublished() throws IOException {
    SyntheticTrajectory t = trajectory();
    SyntheticTrajectory other = SyntheticTrajectory.builder().atoms(ATOMS + 2).frames(3).seed(1).build();
    TrajectoryWriter w = new H5mdFormat().create(new FileStore(dir), "bad.h5md", t.info(), WriteOptions.defaults());
    w.append(t.block(0, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(other.block(0, 3)));
    assertTrue(e.getMessage().contains("bad.h5md") && e.getMessage().contains("9 atoms") && e.getMessage().contains("has 7"),
        e.getMessage());
    w.abort();
    w.close();
    assertFalse(Files.exists(dir.resolve("bad.h5md")));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void badOptionsAreRefusedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> H5mdWriteSettings.parse(WriteOptions.defaults().with("compressor", "blosc:lz4:5")));
    assertTrue(e.getMessage().contains("blosc:lz4:5") && e.getMessage().contains("gzip"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> H5mdWriteSettings.parse(WriteOptions.defaults().with("compressor", "gzip:12")));
    assertTrue(e.getMessage().contains("1 to 9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> H5mdWriteSettings.parse(WriteOptions.defaults().with("append", "true")));
    assertTrue(e.getMessage().contains("append"), e.getMessage());
  }

  @Test
  void aRemoteStoreGetsTheFileInOneUpload() throws IOException {
    SyntheticTrajectory t = trajectory();
    int[] writes = {0};
    Store store = new io.trajstream.store.ForwardingStore(new MemoryStore("mem://h5md-test")) {
      @Override
      public void write(String key, ByteBuffer data) throws IOException {
        writes[0]++;
        super.write(key, data);
      }
    };
    t.writeTo(new H5mdFormat(), store, "runs/x.h5md", WriteOptions.defaults().with("chunk-frames", "5"), 4);
    assertEquals(1, writes[0], "one upload");
    try (TrajectoryReader r = new H5mdFormat().open(store, "runs/x.h5md", ReadOptions.defaults().with("index", "none"))) {
      assertArrayEquals(t.block(0, FRAMES).positions(),
          r.read(FrameRange.of(0, FRAMES), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
    }
  }

  @Test
  void aTrajectoryWithoutTimeOrBoxIsWritten() throws IOException {
    TrajectoryInfo info = TrajectoryInfo.builder("test", 1, new long[] {0, 1}).field(Field.POSITION, null).build();
    FrameBlock.Builder b = FrameBlock.builder(new int[] {0, 1}, new int[] {0});
    b.step(0, 0).step(1, 1).set(Field.POSITION, 0, new float[] {1, 2, 3}, 0).set(Field.POSITION, 1, new float[] {4, 5, 6}, 0);
    try (TrajectoryWriter w = new H5mdFormat().create(new FileStore(dir), "bare.h5", info, WriteOptions.defaults().with("compressor", "none"))) {
      w.append(b.build());
    }
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "bare.h5", ReadOptions.defaults().with("index", "none"))) {
      assertFalse(r.info().hasTime());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6},
          r.read(FrameRange.of(0, 2), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
      assertEquals(null, r.info().unit(Field.POSITION));
    }
  }

  @Test
  void aTrajectoryWithoutFramesIsReadAsEmpty() throws IOException {
    TrajectoryInfo info = TrajectoryInfo.builder("test", 4, new long[0]).times(new double[0]).timeUnit("ps")
        .field(Field.POSITION, "nm").build();
    new H5mdFormat().create(new FileStore(dir), "empty.h5md", info, WriteOptions.defaults()).close();
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "empty.h5md", ReadOptions.defaults().with("index", "none"))) {
      assertEquals(0, r.info().frames());
      assertEquals(4, r.info().atoms());
    }
    if (TestEnvironment.hasPython("h5py")) {
      assertEquals("(0, 4, 3)", TestEnvironment.python(
          "import sys, h5py; print(h5py.File(sys.argv[1], 'r')['particles/trajectory/position/value'][()].shape)",
          dir.resolve("empty.h5md").toString()).trim());
    }
  }

  @Test
  void ourReaderFollowsAChunkIndexOfTwoLevels() throws IOException {
    // 130 one-frame chunks: more than one B-tree node holds, so the index has a root above its leaves
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(3).frames(130).seed(3).build();
    t.writeTo(new H5mdFormat(), new FileStore(dir), "long.h5md", WriteOptions.defaults().with("chunk-frames", "1"), 17);
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "long.h5md", ReadOptions.defaults().with("index", "none"))) {
      assertArrayEquals(t.block(0, 130).positions(),
          r.read(FrameRange.of(0, 130), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
      assertArrayEquals(t.block(97, 101).positions(),
          r.read(FrameRange.of(97, 101), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
    }
  }

  @Test
  void aFileTooLargeForOneUploadFailsEarlyAndLeavesTheStoreUntouched() throws IOException {
    SyntheticTrajectory t = trajectory();
    MemoryStore store = new MemoryStore("mem://h5md-limit");
    H5mdDestination dest = H5mdDestination.of(store, "big.h5md", 4096);
    H5mdWriter w = H5mdWriter.create(dest, t.info(), H5mdWriteSettings.parse(WriteOptions.defaults()
        .with("compressor", "none").with("chunk-frames", "1")));
    IOException e = assertThrows(IOException.class, () -> {
      for (int start = 0; start < FRAMES; start += 4) {
        w.append(t.block(start, Math.min(FRAMES, start + 4)));
      }
    });
    assertTrue(e.getMessage().contains("big.h5md") && e.getMessage().contains("at most 4096 bytes"), e.getMessage());
    w.abort();
    assertFalse(store.exists("big.h5md"));
    assertFalse(Files.exists(dest.localFile()), "the local file is removed");
  }
}
