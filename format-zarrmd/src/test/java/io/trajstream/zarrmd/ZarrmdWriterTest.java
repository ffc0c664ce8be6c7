package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarr.ZarrHierarchy;
import io.trajstream.zarr.codec.QuantizeCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZarrmdWriterTest {
  @TempDir Path tmp;
  static final ZarrmdFormat FORMAT = new ZarrmdFormat();

  static SyntheticTrajectory syn(int atoms, int frames) {
    return SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(11).timeStep(0.25).stepsPerFrame(10).build();
  }

  static String script() throws IOException {
    try (InputStream in = ZarrmdWriterTest.class.getResourceAsStream("/interop/check_zarrmd.py")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Raw dumps of what was meant to be written, for the python check. */
  static void dump(SyntheticTrajectory s, Path dir) throws IOException {
    Files.createDirectories(dir);
    FrameBlock b = s.block(0, s.frames());
    ByteBuffer pos = ByteBuffer.allocate(b.positions().length * 4).order(ByteOrder.LITTLE_ENDIAN);
    pos.asFloatBuffer().put(b.positions());
    Files.write(dir.resolve("positions.bin"), pos.array());
    ByteBuffer box = ByteBuffer.allocate(s.frames() * 36).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer st = ByteBuffer.allocate(s.frames() * 8).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer ti = ByteBuffer.allocate(s.frames() * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < s.frames(); i++) {
      for (double v : BoxGeometry.toVectors(b.values(Field.BOX), i * 6)) {
        box.putFloat((float) v);
      }
      st.putLong(b.step(i));
      ti.putDouble(b.time(i));
    }
    Files.write(dir.resolve("box.bin"), box.array());
    Files.write(dir.resolve("steps.bin"), st.array());
    Files.write(dir.resolve("times.bin"), ti.array());
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "blosc:lz4:5", "blosc:zstd:9", "blosc:blosclz:5:bitshuffle", "zstd:3", "gzip:4", "zlib:4", "lz4", "none"})
  void zarrPythonReadsWhatWeWrite(String compressor) throws IOException {
    TestEnvironment.requirePython("zarr", "numcodecs", "numpy");
    SyntheticTrajectory s = syn(57, 23);
    FileStore store = new FileStore(tmp);
    WriteOptions o = WriteOptions.defaults().with("chunk-frames", "4");
    if (!compressor.equals("default")) {
      o = o.with("compressor", compressor);
    }
    s.writeTo(FORMAT, store, "t.zarrmd", o, 5);
    dump(s, tmp.resolve("raw"));
    String out = TestEnvironment.python(script(), tmp.resolve("t.zarrmd").toString(), tmp.resolve("raw").toString());
    assertTrue(out.startsWith("ok 23 frames, chunks (4, 57, 3)"), out);
    if (compressor.equals("default")) {
      assertTrue(out.contains("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE"), out);
    }
  }

  @Test
  void precisionQuantizesExactlyAsNumcodecs() throws IOException {
    TestEnvironment.requirePython("zarr", "numcodecs", "numpy");
    SyntheticTrajectory s = syn(40, 12);
    FileStore store = new FileStore(tmp);
    s.writeTo(FORMAT, store, "q.zarrmd", WriteOptions.defaults().with("precision", "2"), 5);
    dump(s, tmp.resolve("raw"));
    String out = TestEnvironment.python(script(), tmp.resolve("q.zarrmd").toString(), tmp.resolve("raw").toString());
    assertTrue(out.contains("Quantize(digits=2"), out);
    double half = QuantizeCodec.scaleFor(2);
    try (TrajectoryReader r = FORMAT.open(store, "q.zarrmd", ReadOptions.defaults())) {
      float[] got = r.read(FrameRange.of(0, 12), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions();
      float[] want = s.block(0, 12).positions();
      boolean someDiffer = false;
      for (int k = 0; k < want.length; k++) {
        assertEquals(want[k], got[k], 0.5 / half + 1e-6);
        someDiffer |= want[k] != got[k];
      }
      assertTrue(someDiffer, "precision 2 must change some values");
    }
  }

  @Test
  void chunksFirstThenArrayMetadataThenZmetadataLast() throws IOException {
    MemoryStore mem = new MemoryStore();
    RecordingStore rec = new RecordingStore(mem);
    SyntheticTrajectory s = syn(30, 21);
    try (TrajectoryWriter w = FORMAT.create(rec, "t.zarrmd", s.info(), WriteOptions.defaults().with("chunk-frames", "4"))) {
      w.append(s.block(0, 13));
      assertTrue(FORMAT.probe(rec, "t.zarrmd").isEmpty(), "not visible before close");
      assertTrue(rec.writes.stream().anyMatch(k -> k.endsWith("position/value/2.0.0")), "full chunks are stored while appending");
      w.append(s.block(13, 21));
    }
    List<String> keys = rec.writes;
    assertEquals("t.zarrmd/.zmetadata", keys.get(keys.size() - 1));
    assertEquals("t.zarrmd/.zgroup", keys.get(keys.size() - 2));
    int lastChunk = -1;
    int firstMeta = Integer.MAX_VALUE;
    int lastArrayMeta = -1;
    int firstGroupMeta = Integer.MAX_VALUE;
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      boolean meta = k.endsWith(".zarray") || k.endsWith(".zattrs") || k.endsWith(".zgroup") || k.endsWith(".zmetadata");
      if (!meta) {
        lastChunk = i;
      } else {
        firstMeta = Math.min(firstMeta, i);
      }
      if (k.endsWith(".zarray")) {
        lastArrayMeta = i;
      }
      if (k.endsWith(".zgroup")) {
        firstGroupMeta = Math.min(firstGroupMeta, i);
      }
    }
    assertTrue(lastChunk < firstMeta, "every chunk before any metadata: " + keys);
    assertTrue(firstGroupMeta > 0 && keys.indexOf("t.zarrmd/.zgroup") > lastArrayMeta, "root group after arrays");
    try (TrajectoryReader r = FORMAT.open(rec, "t.zarrmd", ReadOptions.defaults())) {
      assertEquals(21, r.info().frames());
      assertEquals("true", r.info().attributes().get("consolidated"));
      assertEquals(4, r.info().framesPerChunk(Field.POSITION));
      assertEquals("blosc(lz4,5,shuffle)", r.info().compression().get(Field.POSITION));
    }
  }

  @Test
  void appendAddsFramesToAnExistingStore() throws IOException {
    FileStore store = new FileStore(tmp);
    SyntheticTrajectory s = syn(33, 30);
    WriteOptions o = WriteOptions.defaults().with("chunk-frames", "4");
    try (TrajectoryWriter w = FORMAT.create(store, "a.zarrmd", s.info(), o)) {
      w.append(s.block(0, 10));
    }
    try (TrajectoryWriter w = FORMAT.create(store, "a.zarrmd", s.info(), o.with("append", "true"))) {
      assertEquals(10, w.framesWritten());
      w.append(s.block(10, 17));
    }
    try (TrajectoryWriter w = FORMAT.create(store, "a.zarrmd", s.info(), o.with("append", "true"))) {
      w.append(s.block(17, 30));
      assertEquals(30, w.framesWritten());
    }
    try (TrajectoryReader r = FORMAT.open(store, "a.zarrmd", ReadOptions.defaults())) {
      assertEquals(30, r.info().frames());
      FrameBlock got = r.read(FrameRange.of(0, 30), AtomSelection.all(), s.fields());
      FrameBlock want = s.block(0, 30);
      for (Field f : s.fields()) {
        float[] a = want.values(f);
        float[] b = got.values(f);
        for (int k = 0; k < a.length; k++) {
          assertEquals(a[k], b[k], f == Field.BOX ? 1e-3f : 0f, f + "[" + k + "]");
        }
      }
      for (int i = 0; i < 30; i++) {
        assertEquals(want.step(i), got.step(i));
        assertEquals(want.time(i), got.time(i));
      }
    }
  }

  @Test
  void defaultChunksTargetTwelveMebibytesAndShrinkForShortTrajectories() throws IOException {
    assertEquals(10, WriterSettings.parse(WriteOptions.defaults()).framesPerChunk(100_000L * 12));
    assertEquals(100, WriterSettings.parse(WriteOptions.defaults().with("chunk-bytes", "1200000")).framesPerChunk(12_000));
    MemoryStore store = new MemoryStore();
    SyntheticTrajectory s = syn(20, 7);
    s.writeTo(FORMAT, store, "s.zarrmd", WriteOptions.defaults(), 3);
    ZarrHierarchy h = ZarrHierarchy.open(new io.trajstream.store.PrefixedStore(store, "s.zarrmd"));
    assertEquals(7, h.array("particles/all/position/value").metadata().chunks()[0], "one chunk of exactly the frames, as zarrtraj");
    assertEquals(Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0),
        h.array("particles/all/position/value").metadata().compressor());
  }

  @Test
  void absentSamplesStayAbsentAndTimelessTrajectoriesWork() throws IOException {
    MemoryStore store = new MemoryStore();
    SyntheticTrajectory s = syn(6, 6);
    var info = s.info().toBuilder().times(null).build();
    try (TrajectoryWriter w = FORMAT.create(store, "x.zarrmd", info, WriteOptions.defaults().with("fields", "position,velocity"))) {
      FrameBlock full = s.block(0, 6);
      FrameBlock.Builder b = FrameBlock.builder(full.frames(), full.atoms());
      for (int i = 0; i < 6; i++) {
        b.step(i, full.step(i));
        b.set(Field.POSITION, i, full.positions(), full.frameOffset(i));
        if (i % 2 == 0) {
          b.set(Field.VELOCITY, i, full.values(Field.VELOCITY), full.frameOffset(i));
        }
      }
      w.append(b.build());
    }
    try (TrajectoryReader r = FORMAT.open(store, "x.zarrmd", ReadOptions.defaults())) {
      assertEquals(EnumSet.of(Field.POSITION, Field.VELOCITY), r.info().fields());
      assertTrue(!r.info().hasTime());
      FrameBlock got = r.read(FrameRange.of(0, 6), AtomSelection.all(), EnumSet.of(Field.VELOCITY, Field.FORCE));
      for (int i = 0; i < 6; i++) {
        assertEquals(i % 2 == 0, got.has(Field.VELOCITY, i));
      }
      assertTrue(Double.isNaN(got.time(3)));
    }
  }
}
