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
import io.trajstream.h5md.index.Json;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kerchunk index: Python's fsspec ReferenceFileSystem + zarr read h5py's values through it, and
 * our reader opened through it reads what it reads without it.
 */
class KerchunkIndexTest {
  @TempDir static Path dir;
  static final String[] PYTHON_READABLE = {"mda_chunk1", "mda_chunk10_gzip1", "mda_contiguous", "h5_shuffle_gzip",
      "h5_latest", "h5_userblock", "h5_userblock_contiguous", "h5_fixed_cuboid", "h5_blosc"};

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_chunk1", "mda_chunk10_gzip1", "mda_contiguous", "h5_shuffle_gzip", "h5_latest",
        "h5_userblock", "h5_userblock_contiguous", "h5_fixed_cuboid", "h5_blosc", "h5_fletcher32", "mda_lzf",
        "direct_bitshuffle_lz4", "h5_two_groups");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_chunk1", "mda_chunk10_gzip1", "mda_contiguous", "h5_shuffle_gzip", "h5_latest",
      "h5_userblock", "h5_userblock_contiguous", "h5_fixed_cuboid", "h5_blosc"})
  void fsspecAndZarrReadH5pyValues(String name) throws Exception {
    TestEnvironment.requirePython("fsspec", "zarr", "h5py");
    Interop.requireVariant(name);
    FileStore fs = new FileStore(dir);
    String url = dir.resolve(name + ".h5md").toString();
    String json = new KerchunkIndexWriter(100).index(fs, name + ".h5md", url);
    Path refs = dir.resolve(name + ".check.json");
    Files.writeString(refs, json);
    Map<?, ?> r = (Map<?, ?>) Json.parse(TestEnvironment.python(Interop.script("kerchunk_check.py"), refs.toString(), url));
    assertEquals(List.of(), r.get("mismatch"), name);
    assertEquals(List.of(), r.get("missing"), name);
    List<?> checked = (List<?>) r.get("checked");
    assertTrue(checked.contains("particles/trajectory/position/value"), checked.toString());
    if (name.startsWith("mda")) {
      // hard-linked step datasets appear under every path
      assertTrue(checked.containsAll(List.of("particles/trajectory/position/step", "particles/trajectory/velocity/step",
          "particles/trajectory/box/edges/step")), checked.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_chunk1", "mda_chunk10_gzip1", "mda_contiguous", "h5_shuffle_gzip", "h5_latest",
      "h5_userblock", "h5_userblock_contiguous", "h5_fixed_cuboid", "h5_blosc", "h5_fletcher32", "mda_lzf",
      "direct_bitshuffle_lz4"})
  void readerThroughIndexReadsTheSame(String name) throws Exception {
    Interop.requireVariant(name);
    FileStore fs = new FileStore(dir);
    String key = name + ".h5md";
    String indexKey = new KerchunkIndexWriter().writeBeside(fs, key, dir.resolve(key).toUri().toString());
    assertEquals(key + ".refs.json", indexKey);
    try (TrajectoryReader plain = new H5mdFormat().open(fs, key, ReadOptions.defaults().with("index", "none"));
        TrajectoryReader beside = new H5mdFormat().open(fs, key, ReadOptions.defaults());
        TrajectoryReader given = new H5mdFormat().open(fs, key, ReadOptions.defaults().with("index", indexKey))) {
      assertTrue(beside.info().attributes().containsKey("index"), "found the index beside the file");
      assertTrue(given.info().attributes().containsKey("index"));
      for (TrajectoryReader r : List.of(beside, given)) {
        assertEquals(plain.info().frames(), r.info().frames());
        assertArrayEquals(plain.info().steps(), r.info().steps());
        assertEquals(plain.info().fields(), r.info().fields());
        assertEquals(plain.info().chunkLayout(), r.info().chunkLayout());
        assertEquals(plain.info().compression(), r.info().compression());
        assertEquals(plain.info().boundary(), r.info().boundary());
        assertEquals(plain.info().unit(Field.POSITION), r.info().unit(Field.POSITION));
        FrameBlock a = plain.read(FrameRange.of(0, plain.info().frames()), AtomSelection.all(), EnumSet.allOf(Field.class));
        FrameBlock b = r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.allOf(Field.class));
        for (Field f : a.fields()) {
          assertArrayEquals(a.values(f), b.values(f), name + " " + f);
        }
        for (int i = 0; i < a.frameCount(); i++) {
          assertEquals(a.time(i), b.time(i));
        }
      }
    }
  }

  @Test
  void indexGivenAsPathOrUrlInTheSameStore() throws Exception {
    FileStore fs = new FileStore(dir);
    String idx = new KerchunkIndexWriter().writeBeside(fs, "mda_chunk1.h5md", "mda_chunk1.h5md");
    for (String given : List.of(idx, dir.resolve(idx).toString(), dir.resolve(idx).toUri().toString())) {
      try (TrajectoryReader r = new H5mdFormat().open(fs, "mda_chunk1.h5md", ReadOptions.defaults().with("index", given))) {
        assertEquals(fs.location(idx), r.info().attributes().get("index"), given);
      }
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new H5mdFormat().open(fs, "mda_chunk1.h5md", ReadOptions.defaults().with("index", "s3://elsewhere/x.json")));
    assertTrue(e.getMessage().contains("not in the trajectory's store"), e.getMessage());
  }

  @Test
  void particleGroupsThroughIndex() throws Exception {
    FileStore fs = new FileStore(dir);
    String idx = new KerchunkIndexWriter().writeBeside(fs, "h5_two_groups.h5md", "h5_two_groups.h5md");
    try (TrajectoryReader r = new H5mdFormat().open(fs, "h5_two_groups.h5md", ReadOptions.defaults().with("group", "solvent").with("index", idx))) {
      assertEquals("solvent", r.info().particleGroup());
    }
  }
}
