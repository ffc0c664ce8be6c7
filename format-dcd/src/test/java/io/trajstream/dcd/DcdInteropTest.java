package io.trajstream.dcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.Probe;
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
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DCD files written by MDAnalysis (CHARMM flavour, cell angles in degrees, ISTART and NSAVC set),
 * by its low-level DCD writer (no unit cell; cell angles as cosines, as CHARMM writes them), and
 * those files recoded big-endian and with 64-bit record markers, read as MDAnalysis reads them (the
 * recoded ones as MDAnalysis reads their originals).
 */
class DcdInteropTest {
  @TempDir Path dir;

  /** Writes with MDAnalysis's DCDFile: argv out, mode (nocell | cosines). */
  private static final String LOW_LEVEL = String.join("\n",
      "import sys, numpy as np",
      "from MDAnalysis.lib.formats.libdcd import DCDFile",
      "out, mode = sys.argv[1], sys.argv[2]",
      "N = 23",
      "rng = np.random.default_rng(11)",
      "with DCDFile(out, 'w') as f:",
      "    f.write_header(remarks='trajstream test ' + mode, natoms=N, istart=3, nsavc=2, delta=0.75,",
      "                   is_periodic=0 if mode == 'nocell' else 1)",
      "    for i in range(7):",
      "        xyz = (rng.random((N, 3)) * 40 - 5).astype(np.float32)",
      "        a, b, c = 40 + i, 41.5, 39.0 - i",
      "        al, be, ga = np.radians([80.0 + i, 95.0, 70.5])",
      "        box = np.array([a, np.cos(ga), b, np.cos(be), np.cos(al), c])",
      "        f.write(xyz=xyz, box=box if mode == 'cosines' else np.zeros(6))",
      "");

  /** Rewrites a little-endian DCD with 32-bit markers: argv src, dst, big|little, marker bytes (4|8). */
  private static final String RECODE = String.join("\n",
      "import sys, struct",
      "src, dst, order, msize = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
      "data = open(src, 'rb').read()",
      "recs, p = [], 0",
      "while p < len(data):",
      "    n = struct.unpack_from('<i', data, p)[0]",
      "    recs.append(data[p + 4:p + 4 + n])",
      "    p += 8 + n",
      "o = '>' if order == 'big' else '<'",
      "def swap(payload, size, skip=0):",
      "    if o == '<':",
      "        return payload",
      "    b = bytearray(payload)",
      "    for i in range(skip, len(b) - size + 1, size):",
      "        b[i:i + size] = b[i:i + size][::-1]",
      "    return bytes(b)",
      "cell = struct.unpack_from('<i', recs[0], 80)[0] != 0 and struct.unpack_from('<i', recs[0], 44)[0] != 0",
      "out = bytearray()",
      "for k, r in enumerate(recs):",
      "    if k == 0:",
      "        r = swap(r, 4, 4)",
      "    elif k == 1:",
      "        r = swap(r[:4], 4) + r[4:]",
      "    elif k == 2:",
      "        r = swap(r, 4)",
      "    else:",
      "        j = (k - 3) % (4 if cell else 3)",
      "        r = swap(r, 8) if (cell and j == 0) else swap(r, 4)",
      "    m = struct.pack(o + ('q' if msize == 8 else 'i'), len(r))",
      "    out += m + r + m",
      "open(dst, 'wb').write(out)",
      "");

  private Path mdaCharmm() throws IOException {
    Path out = dir.resolve("mda_charmm.dcd");
    if (!Files.exists(out)) {
      FrameBlock block = SyntheticTrajectory.builder().atoms(57).frames(6).seed(5).timeStep(2.0).box(31f)
          .fields(EnumSet.of(Field.POSITION, Field.BOX)).build().block(0, 6);
      MdAnalysisTrajectories.write(out, "DCD", block, "{\"nsavc\": 5, \"istart\": 20, \"dt\": 2.0}");
    }
    return out;
  }

  /** Makes the named case; returns {file to read, file MDAnalysis reads as the reference}. */
  private Path[] make(String name) throws IOException {
    Path out = dir.resolve(name + ".dcd");
    switch (name) {
      case "mda_charmm" -> {
        return new Path[] {mdaCharmm(), mdaCharmm()};
      }
      case "no_cell", "cosines" -> {
        TestEnvironment.requirePython("MDAnalysis", "numpy");
        TestEnvironment.python(LOW_LEVEL, out.toString(), name.equals("no_cell") ? "nocell" : "cosines");
        return new Path[] {out, out};
      }
      case "big_endian", "marker64", "big_marker64" -> {
        TestEnvironment.requirePython("MDAnalysis", "numpy");
        Path src = mdaCharmm();
        TestEnvironment.python(RECODE, src.toString(), out.toString(), name.startsWith("big") ? "big" : "little",
            name.endsWith("64") ? "8" : "4");
        return new Path[] {out, src};
      }
      case "cosines_big_endian" -> {
        Path src = make("cosines")[0];
        TestEnvironment.python(RECODE, src.toString(), out.toString(), "big", "4");
        return new Path[] {out, src};
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mda_charmm", "no_cell", "cosines", "big_endian", "marker64", "big_marker64",
      "cosines_big_endian"})
  void readsAsMdAnalysisReads(String name) throws IOException {
    Path[] files = make(name);
    Reference ref = MdAnalysisTrajectories.read(files[1], "DCD");
    FileStore store = new FileStore(dir);
    String key = files[0].getFileName().toString();
    Optional<Probe> probe = new DcdFormat().probe(store, key);
    assertTrue(probe.isPresent(), name + ": probe");
    try (TrajectoryReader r = new DcdFormat().open(store, key, ReadOptions.defaults())) {
      TrajectoryInfo info = r.info();
      assertEquals(ref.atoms(), info.atoms(), "atoms");
      assertEquals(ref.frames(), info.frames(), "frames");
      assertEquals("Angstrom", info.unit(Field.POSITION));
      int istart = Integer.parseInt(info.attributes().get("dcd.istart"));
      int nsavc = Integer.parseInt(info.attributes().get("dcd.nsavc"));
      for (int f = 0; f < ref.frames(); f++) {
        assertEquals(ref.times()[f], info.time(f), 1e-12 * Math.max(1, Math.abs(ref.times()[f])), name + ": time " + f);
        assertEquals(istart + (long) f * nsavc, info.step(f), name + ": step " + f);
      }
      FrameBlock b = r.read(FrameRange.of(0, ref.frames()), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.BOX));
      float[] want = ref.values(Field.POSITION);
      float[] got = b.positions();
      for (int k = 0; k < want.length; k++) {
        assertEquals(want[k], got[k], 0f, name + ": coordinate " + k);
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
      int atoms = ref.atoms();
      int[] sel = {2, atoms / 2, atoms - 1};
      FrameBlock s = r.read(new FrameRange(0, ref.frames(), 3), AtomSelection.of(sel), EnumSet.of(Field.POSITION));
      for (int i = 0; i < s.frameCount(); i++) {
        for (int a = 0; a < sel.length; a++) {
          for (int d = 0; d < 3; d++) {
            assertEquals(got[(s.frame(i) * atoms + sel[a]) * 3 + d], s.positions()[(i * sel.length + a) * 3 + d], 0f,
                name + ": subset frame " + s.frame(i));
          }
        }
      }
    }
  }

  @Test
  void fixedAtomsAndDamageAreClearErrors() throws IOException {
    byte[] good = Files.readAllBytes(mdaCharmm());
    FileStore store = new FileStore(dir);

    byte[] fixed = good.clone();
    ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + 36, 3);
    Files.write(dir.resolve("fixed.dcd"), fixed);
    FormatException e = assertThrows(FormatException.class,
        () -> new DcdFormat().open(store, "fixed.dcd", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("fixed.dcd") && e.getMessage().contains("fixed atoms"), e.getMessage());

    // a damaged record marker in the last frame is found at open
    byte[] damaged = good.clone();
    ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(good.length - 4, 12345);
    Files.write(dir.resolve("damaged.dcd"), damaged);
    e = assertThrows(FormatException.class, () -> new DcdFormat().open(store, "damaged.dcd", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("damaged.dcd") && e.getMessage().contains("frame 5"), e.getMessage());

    // an atom count far beyond the file: zero whole frames, no allocation of that size
    byte[] huge = good.clone();
    int titleLen = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(92);
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(92 + 4 + titleLen + 4 + 4, Integer.MAX_VALUE);
    Files.write(dir.resolve("huge.dcd"), huge);
    try (TrajectoryReader r = new DcdFormat().open(store, "huge.dcd", ReadOptions.defaults())) {
      assertEquals(0, r.info().frames());
    }

    Files.write(dir.resolve("junk.dcd"), new byte[100]);
    assertTrue(new DcdFormat().probe(store, "junk.dcd").isEmpty());
    e = assertThrows(FormatException.class, () -> new DcdFormat().open(store, "junk.dcd", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("junk.dcd") && e.getMessage().contains("CORD"), e.getMessage());
  }
}
