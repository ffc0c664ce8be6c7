package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
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
 * Files written by MDAnalysis's H5MDWriter and by h5py with every layout and filter we support
 * read back exactly as h5py reads them.
 */
class InteropTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_chunk1", "mda_chunk10_gzip1", "mda_gzip9", "mda_lzf", "mda_contiguous",
      "h5_shuffle_gzip", "h5_fletcher32", "h5_shuffle_fletcher_gzip", "h5_latest", "h5_userblock",
      "h5_userblock_contiguous", "h5_cuboid", "h5_fixed_cuboid", "h5_fixed_triclinic", "h5_no_box",
      "h5_blosc", "h5_blosc_zstd", "h5_lz4", "direct_zstd", "direct_bitshuffle_lz4"})
  void everyValueEqualsH5py(String name) throws Exception {
    check(name, ReadOptions.defaults().with("index", "none"));
  }

  @Test
  void contiguousDataIsReadInPseudoChunks() throws Exception {
    // 50 atoms * 12 bytes = 600 bytes per frame: 6000-byte pseudo-chunks hold 10 frames
    ReadOptions small = ReadOptions.defaults().with("index", "none").with("pseudo-chunk-bytes", "6000");
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "mda_contiguous.h5md", small)) {
      assertEquals(10, r.info().framesPerChunk(Field.POSITION));
      assertEquals("none (contiguous)", r.info().compression().get(Field.POSITION));
    }
    check("mda_contiguous", small);
  }

  @Test
  void particleGroupOption() throws Exception {
    FormatException e = assertThrows(FormatException.class,
        () -> new H5mdFormat().open(new FileStore(dir), "h5_two_groups.h5md", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("[protein, solvent]") && e.getMessage().contains("group="), e.getMessage());
    check("h5_two_groups", ReadOptions.defaults().with("group", "protein"));
  }

  static void check(String name, ReadOptions options) throws Exception {
    Interop.requireVariant(name);
    Map<?, ?> ref = Interop.ref(dir, name);
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), name + ".h5md", options)) {
      TrajectoryInfo info = r.info();
      int frames = ((Number) ref.get("frames")).intValue();
      int atoms = ((Number) ref.get("atoms")).intValue();
      assertEquals(frames, info.frames());
      assertEquals(atoms, info.atoms());
      assertEquals(ref.get("group"), info.particleGroup());
      assertArrayEquals(Interop.longs(ref.get("steps")), info.steps(), "steps");
      if (ref.get("times") != null) {
        double[] t = Interop.doubles(ref.get("times"));
        for (int i = 0; i < frames; i++) {
          assertEquals(t[i], info.time(i), 1e-5, "time " + i);
        }
      }
      FrameBlock b = r.read(FrameRange.of(0, frames), AtomSelection.all(), EnumSet.allOf(Field.class));
      for (Object f : (List<?>) ref.get("fields")) {
        Field field = Field.parse((String) f);
        float[] want = Interop.values(dir, name, (String) f);
        assertArrayEquals(want, b.require(field), name + " " + field);
        // a subset of frames and atoms reads the same values
        FrameBlock s = r.read(new FrameRange(3, frames, 7), AtomSelection.of(1, 7, 8, atoms - 1), EnumSet.of(field));
        for (int i = 0; i < s.frameCount(); i++) {
          int[] sel = s.atoms();
          for (int a = 0; a < sel.length; a++) {
            for (int k = 0; k < 3; k++) {
              assertEquals(want[(s.frame(i) * atoms + sel[a]) * 3 + k], s.require(field)[(i * sel.length + a) * 3 + k],
                  name + " " + field + " subset frame " + s.frame(i) + " atom " + sel[a]);
            }
          }
        }
      }
      Object boxes = ref.get("box");
      assertEquals(boxes != null, info.has(Field.BOX), "box presence");
      if (boxes != null) {
        List<?> bl = (List<?>) boxes;
        for (int i = 0; i < frames; i++) {
          double[] want = Interop.doubles(bl.get(i));
          float[] got = b.box(i);
          for (int k = 0; k < 6; k++) {
            assertEquals(want[k], got[k], 1e-3 * Math.max(1, Math.abs(want[k])), name + " box[" + k + "] frame " + i);
          }
        }
      }
      assertEquals(ref.get("boundary"), info.boundary());
    }
  }
}
