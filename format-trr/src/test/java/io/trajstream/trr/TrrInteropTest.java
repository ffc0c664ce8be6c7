package io.trajstream.trr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.MdAnalysisTrajectories;
import io.trajstream.testkit.MdAnalysisTrajectories.Reference;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TRR files written by MDAnalysis (all fields; positions only; frames with different blocks, zero
 * and triclinic boxes, lambda), by GROMACS in double precision ({@code gmx_d trjconv}) and by
 * GROMACS itself (the shared cobrotoxin run) read as MDAnalysis reads them.
 */
class TrrInteropTest {
  @TempDir Path dir;

  /** Frames with different blocks: positions absent every third frame, velocities every other, forces rarer. */
  private static final String MIXED = String.join("\n",
      "import sys, numpy as np",
      "from MDAnalysis.lib.formats.libmdaxdr import TRRFile",
      "N = 11",
      "rng = np.random.default_rng(3)",
      "tri = np.array([[3.0, 0, 0], [0.5, 3.2, 0], [0.3, 0.4, 2.9]], dtype=np.float32)",
      "with TRRFile(sys.argv[1], 'w') as f:",
      "    for i in range(9):",
      "        x = (rng.random((N, 3)) * 3).astype(np.float32) if i % 3 != 2 else None",
      "        v = (rng.random((N, 3)) - 0.5).astype(np.float32) if i % 2 == 0 else None",
      "        fo = (rng.random((N, 3)) * 100).astype(np.float32) if i % 4 == 1 else None",
      "        box = tri if i != 4 else np.zeros((3, 3), dtype=np.float32)",
      "        f.write(x, v, fo, box, 50 * i + 7, 0.1 * i, 0.125 * i, N)",
      "");

  private static FrameBlock synthetic(int atoms, int frames, Set<Field> fields) {
    return SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(atoms).timeStep(0.25).box(3f).fields(fields)
        .build().block(0, frames);
  }

  /** Makes the named case; returns the store directory and key. */
  private Path make(String name) throws IOException {
    Path out = dir.resolve(name + ".trr");
    switch (name) {
      case "mda_all" -> MdAnalysisTrajectories.write(out, "TRR", synthetic(57, 8, EnumSet.allOf(Field.class)), "{}");
      case "mda_positions_box" -> MdAnalysisTrajectories.write(out, "TRR",
          synthetic(20, 6, EnumSet.of(Field.POSITION, Field.BOX)), "{}");
      case "mixed_blocks" -> {
        TestEnvironment.requirePython("MDAnalysis", "numpy");
        TestEnvironment.python(MIXED, out.toString());
      }
      case "gmx_double" -> {
        String gmx = TestEnvironment.requireCommand("gmx_d", "gromacs");
        Path single = dir.resolve("gmx_double_in.trr");
        MdAnalysisTrajectories.write(single, "TRR", synthetic(30, 5, EnumSet.allOf(Field.class)), "{}");
        TestEnvironment.runChecked(List.of(gmx, "-quiet", "trjconv", "-f", single.toString(), "-o", out.toString()),
            dir, "0\n");
      }
      case "gmx_cobrotoxin" -> {
        return TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.trr");
      }
      default -> throw new IllegalArgumentException(name);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_all", "mda_positions_box", "mixed_blocks", "gmx_double", "gmx_cobrotoxin"})
  void readsAsMdAnalysisReads(String name) throws IOException {
    Path file = make(name);
    Reference ref = MdAnalysisTrajectories.read(file, "TRR");
    try (TrajectoryReader r = new TrrFormat().open(new FileStore(file.getParent()), file.getFileName().toString(),
        ReadOptions.defaults())) {
      TrajectoryInfo info = r.info();
      assertEquals(ref.atoms(), info.atoms(), "atoms");
      assertEquals(ref.frames(), info.frames(), "frames");
      if (name.equals("gmx_double")) {
        assertEquals("double", info.attributes().get("trr.precision"));
      }
      FrameRange all = FrameRange.of(0, ref.frames());
      FrameBlock b = r.read(all, AtomSelection.all(), EnumSet.allOf(Field.class));
      ObservableBlock lambda = r.observable("lambda", all);
      for (int f = 0; f < ref.frames(); f++) {
        assertEquals(ref.steps()[f], info.step(f), "step of frame " + f);
        assertEquals(ref.times()[f], info.time(f), 0.0, "time of frame " + f);
        assertEquals(ref.lambdas()[f], lambda.value(f)[0], 0.0, "lambda of frame " + f);
      }
      for (Field field : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
        float[] want = ref.values(field);
        assertEquals(want != null, info.has(field), name + ": " + field.key() + " listed");
        if (want == null) {
          continue;
        }
        for (int f = 0; f < ref.frames(); f++) {
          assertEquals(ref.has(field, f), b.has(field, f), name + ": " + field.key() + " at frame " + f);
        }
        float[] got = b.require(field);
        for (int k = 0; k < want.length; k++) {
          if (!Float.isNaN(want[k])) {
            assertEquals(want[k], got[k], 0f, name + ": " + field.key() + "[" + k + "]");
          } else {
            assertTrue(Float.isNaN(got[k]), name + ": " + field.key() + "[" + k + "] absent");
          }
        }
        // a scattered selection over strided frames reads the same values
        int atoms = ref.atoms();
        int[] sel = {1, atoms / 2, atoms - 2};
        FrameBlock s = r.read(new FrameRange(1, ref.frames(), 2), AtomSelection.of(sel), EnumSet.of(field));
        for (int i = 0; i < s.frameCount(); i++) {
          for (int a = 0; a < sel.length; a++) {
            for (int d = 0; d < 3; d++) {
              float w = got[(s.frame(i) * atoms + sel[a]) * 3 + d];
              float g = s.require(field)[(i * sel.length + a) * 3 + d];
              assertTrue(Float.compare(w, g) == 0, name + ": " + field.key() + " subset frame " + s.frame(i));
            }
          }
        }
      }
      for (int f = 0; f < ref.frames(); f++) {
        assertEquals(ref.has(Field.BOX, f), b.has(Field.BOX, f), name + ": box at frame " + f);
        if (ref.has(Field.BOX, f)) {
          for (int k = 0; k < 6; k++) {
            float w = ref.boxes()[f * 6 + k];
            assertEquals(w, b.box(f)[k], 1e-5f * Math.max(1f, Math.abs(w)), name + ": box[" + k + "] frame " + f);
          }
        }
      }
    }
  }

  @Test
  void damagedFilesAreClearErrors() throws IOException {
    byte[] good = Files.readAllBytes(make("mda_all"));
    FileStore store = new FileStore(dir);
    Files.write(dir.resolve("cut.trr"), Arrays.copyOf(good, good.length - 5));
    FormatException e = assertThrows(FormatException.class, () -> new TrrFormat().open(store, "cut.trr",
        ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("cut.trr") && e.getMessage().contains("truncated"), e.getMessage());

    // a positions block size that fits neither precision: an error naming it, before any allocation
    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).putInt(24 + 7 * 4, Integer.MAX_VALUE - 1);
    Files.write(dir.resolve("bad.trr"), bad);
    e = assertThrows(FormatException.class, () -> new TrrFormat().open(store, "bad.trr", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("bad.trr") && e.getMessage().contains("frame 0"), e.getMessage());

    assertTrue(new TrrFormat().probe(store, "mda_all.trr").isPresent());
    Files.write(dir.resolve("junk.trr"), new byte[64]);
    assertTrue(new TrrFormat().probe(store, "junk.trr").isEmpty());
  }
}
