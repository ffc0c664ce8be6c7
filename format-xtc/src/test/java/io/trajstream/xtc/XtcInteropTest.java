package io.trajstream.xtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.MdAnalysisTrajectories;
import io.trajstream.testkit.MdAnalysisTrajectories.Reference;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XTC files written by MDAnalysis (several precisions, up to and past the 9-atom limit of
 * compression, coordinate ranges too large for the mixed-radix code, water whose molecules use the
 * run-length code and its swap, at precisions whose numbers need 33 to 63 and more than 63 bits,
 * triclinic boxes) and by GROMACS's {@code gmx trjconv} read as
 * MDAnalysis reads them: positions to the last bit of float32 arithmetic, time, step and box.
 */
class XtcInteropTest {
  @TempDir Path dir;

  /** A lattice of water-like molecules (O, then two H 0.1 nm away) with per-frame jitter, in nm. */
  static FrameBlock water(int molecules, int frames, float[] box, long seed) {
    int atoms = molecules * 3;
    int[] fr = new int[frames];
    for (int i = 0; i < frames; i++) {
      fr[i] = i;
    }
    FrameBlock.Builder b = FrameBlock.builder(fr, AtomSelection.all().resolve(atoms));
    float[] pos = b.arrayForAllFrames(Field.POSITION);
    float[] bx = b.arrayForAllFrames(Field.BOX);
    SplittableRandom rnd = new SplittableRandom(seed);
    int side = (int) Math.ceil(Math.cbrt(molecules));
    for (int f = 0; f < frames; f++) {
      b.step(f, 100L * f + 5).time(f, 0.2 * f + 1.0);
      System.arraycopy(box, 0, bx, f * 6, 6);
      for (int m = 0; m < molecules; m++) {
        double ox = 0.31 * (m % side) + rnd.nextDouble(-0.05, 0.05);
        double oy = 0.31 * ((m / side) % side) + rnd.nextDouble(-0.05, 0.05);
        double oz = 0.31 * (m / (side * side)) + rnd.nextDouble(-0.05, 0.05);
        int o = (f * atoms + m * 3) * 3;
        pos[o] = (float) ox;
        pos[o + 1] = (float) oy;
        pos[o + 2] = (float) oz;
        pos[o + 3] = (float) (ox + 0.0957);
        pos[o + 4] = (float) oy;
        pos[o + 5] = (float) (oz + rnd.nextDouble(-0.01, 0.01));
        pos[o + 6] = (float) (ox - 0.024);
        pos[o + 7] = (float) (oy + 0.0927);
        pos[o + 8] = (float) (oz + rnd.nextDouble(-0.01, 0.01));
      }
    }
    return b.build();
  }

  static FrameBlock synthetic(int atoms, int frames, float edge) {
    return SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(atoms).timeStep(0.25).box(edge)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build().block(0, frames);
  }

  /** Writes the named case with MDAnalysis (or GROMACS) into the temp directory; returns its key. */
  String make(String name) throws IOException {
    Path out = dir.resolve(name + ".xtc");
    float[] cubic = {3.1f, 3.1f, 3.1f, 90f, 90f, 90f};
    switch (name) {
      case "synthetic_p3" -> MdAnalysisTrajectories.write(out, "XTC", synthetic(57, 12, 3.0f), "{}");
      case "water_p3" -> MdAnalysisTrajectories.write(out, "XTC", water(1000, 6, cubic, 1), "{}");
      case "water_p2" -> MdAnalysisTrajectories.write(out, "XTC", water(400, 4, cubic, 2), "{\"precision\": 2}");
      case "water_triclinic_p4" -> MdAnalysisTrajectories.write(out, "XTC",
          water(300, 5, new float[] {3.2f, 3.4f, 3.3f, 70f, 80f, 65f}, 3), "{\"precision\": 4}");
      case "tiny_5_atoms" -> MdAnalysisTrajectories.write(out, "XTC", synthetic(5, 7, 3.0f), "{}");
      case "nine_atoms" -> MdAnalysisTrajectories.write(out, "XTC", synthetic(9, 4, 3.0f), "{}");
      case "ten_atoms" -> MdAnalysisTrajectories.write(out, "XTC", synthetic(10, 4, 3.0f), "{}");
      // high precisions: small-run numbers of 33 to 63 bits (p5), a first-atom number wider than 63
      // bits (p6), and three plain bit fields with small-run numbers wider than 63 bits (p7)
      case "water_p5" -> MdAnalysisTrajectories.write(out, "XTC", water(300, 3, cubic, 5), "{\"precision\": 5}");
      case "water_p6" -> MdAnalysisTrajectories.write(out, "XTC", water(400, 3, cubic, 6), "{\"precision\": 6}");
      case "water_p7" -> MdAnalysisTrajectories.write(out, "XTC", water(300, 3, cubic, 7), "{\"precision\": 7}");
      case "large_range_p6" -> MdAnalysisTrajectories.write(out, "XTC", synthetic(40, 5, 30f), "{\"precision\": 6}");
      case "gmx_water" -> {
        String gmx = TestEnvironment.requireCommand("gmx", "gromacs");
        Path trr = dir.resolve("gmx_water_in.trr");
        MdAnalysisTrajectories.write(trr, "TRR", water(700, 5, cubic, 4), "{}");
        TestEnvironment.runChecked(List.of(gmx, "-quiet", "trjconv", "-f", trr.toString(), "-o", out.toString()),
            dir, "0\n");
      }
      case "gmx_cobrotoxin" -> {
        String gmx = TestEnvironment.requireCommand("gmx", "gromacs");
        Path trr = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.trr");
        TestEnvironment.runChecked(List.of(gmx, "-quiet", "trjconv", "-f", trr.toString(), "-o", out.toString(),
            "-ndec", "4"), dir, "0\n");
      }
      default -> throw new IllegalArgumentException(name);
    }
    return name + ".xtc";
  }

  @ParameterizedTest
  @ValueSource(strings = {"synthetic_p3", "water_p3", "water_p2", "water_triclinic_p4", "tiny_5_atoms", "nine_atoms",
      "ten_atoms", "water_p5", "water_p6", "water_p7", "large_range_p6", "gmx_water", "gmx_cobrotoxin"})
  void readsAsMdAnalysisReads(String name) throws IOException {
    String key = make(name);
    Reference ref = MdAnalysisTrajectories.read(dir.resolve(key), "XTC");
    try (TrajectoryReader r = new XtcFormat().open(new FileStore(dir), key, ReadOptions.defaults())) {
      TrajectoryInfo info = r.info();
      assertEquals(ref.atoms(), info.atoms(), "atoms");
      assertEquals(ref.frames(), info.frames(), "frames");
      assertEquals("nm", info.unit(Field.POSITION));
      assertEquals("ps", info.timeUnit());
      for (int f = 0; f < ref.frames(); f++) {
        assertEquals(ref.steps()[f], info.step(f), "step of frame " + f);
        assertEquals(ref.times()[f], info.time(f), 1e-6 * Math.max(1, Math.abs(ref.times()[f])), "time of frame " + f);
      }
      FrameBlock all = r.read(FrameRange.of(0, ref.frames()), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.BOX));
      float[] want = ref.values(Field.POSITION);
      float[] got = all.positions();
      assertEquals(want.length, got.length);
      for (int k = 0; k < want.length; k++) {
        // the same float32 arithmetic as xdrfile: equal but for the last bit
        assertEquals(want[k], got[k], Math.ulp(want[k]), name + ": coordinate " + k + " (frame " + k / (3 * ref.atoms())
            + ", atom " + (k / 3) % ref.atoms() + ")");
      }
      for (int f = 0; f < ref.frames(); f++) {
        assertEquals(ref.has(Field.BOX, f), all.has(Field.BOX, f), "box presence at frame " + f);
        if (ref.has(Field.BOX, f)) {
          float[] box = all.box(f);
          for (int k = 0; k < 6; k++) {
            float w = ref.boxes()[f * 6 + k];
            assertEquals(w, box[k], 1e-5f * Math.max(1f, Math.abs(w)), name + ": box[" + k + "] of frame " + f);
          }
        }
      }
      // a strided subset of frames and a scattered selection of atoms read the same values
      int atoms = ref.atoms();
      AtomSelection sel = AtomSelection.of(0, atoms / 3, atoms / 2, atoms - 1);
      int[] idx = sel.resolve(atoms);
      FrameBlock s = r.read(new FrameRange(1, ref.frames(), 2), sel, EnumSet.of(Field.POSITION));
      for (int i = 0; i < s.frameCount(); i++) {
        for (int a = 0; a < idx.length; a++) {
          for (int d = 0; d < 3; d++) {
            assertEquals(got[(s.frame(i) * atoms + idx[a]) * 3 + d], s.positions()[(i * idx.length + a) * 3 + d],
                name + ": subset frame " + s.frame(i) + " atom " + idx[a]);
          }
        }
      }
    }
  }

  @Test
  void offsetsAreCachedBesideTheFileAndStaleOnesIgnored() throws IOException {
    String key = make("water_p3");
    FileStore store = new FileStore(dir);
    float[] first;
    try (TrajectoryReader r = new XtcFormat().open(store, key, ReadOptions.defaults())) {
      assertEquals("scanned", r.info().attributes().get("xtc.offsets"));
      first = r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions();
    }
    assertTrue(Files.exists(dir.resolve(key + ".offsets")), "offsets written beside the file");
    try (TrajectoryReader r = new XtcFormat().open(store, key, ReadOptions.defaults())) {
      assertEquals("cached", r.info().attributes().get("xtc.offsets"));
      assertArrayEquals(first,
          r.read(FrameRange.of(0, r.info().frames()), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
    }
    // the file changes (another trajectory under the same name): the old offsets are stale
    Files.copy(dir.resolve(make("water_p2")), dir.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Reference ref = MdAnalysisTrajectories.read(dir.resolve(key), "XTC");
    try (TrajectoryReader r = new XtcFormat().open(store, key, ReadOptions.defaults())) {
      assertEquals("scanned", r.info().attributes().get("xtc.offsets"));
      assertEquals(ref.frames(), r.info().frames());
      assertEquals(ref.atoms(), r.info().atoms());
    }
    // a cache that is not ours at all is ignored too
    Files.write(dir.resolve(key + ".offsets"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40});
    try (TrajectoryReader r = new XtcFormat().open(store, key, ReadOptions.defaults())) {
      assertEquals("scanned", r.info().attributes().get("xtc.offsets"));
    }
  }

  @Test
  void offsetsNoneNeitherReadsNorWritesTheCache() throws IOException {
    String key = make("ten_atoms");
    try (TrajectoryReader r = new XtcFormat().open(new FileStore(dir), key, ReadOptions.of(java.util.Map.of("offsets", "none")))) {
      assertEquals(4, r.info().frames());
    }
    assertFalse(Files.exists(dir.resolve(key + ".offsets")));
  }

  @Test
  void damagedFilesAreClearErrors() throws IOException {
    String key = make("water_p3");
    byte[] good = Files.readAllBytes(dir.resolve(key));
    FileStore store = new FileStore(dir);
    ReadOptions noCache = ReadOptions.of(java.util.Map.of("offsets", "none"));

    Files.write(dir.resolve("cut.xtc"), java.util.Arrays.copyOf(good, good.length - 7));
    FormatException e = assertThrows(FormatException.class, () -> new XtcFormat().open(store, "cut.xtc", noCache));
    assertTrue(e.getMessage().contains("cut.xtc") && e.getMessage().contains("truncated"), e.getMessage());

    // a compressed size far beyond the file: an error, not an allocation of that size
    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).putInt(88, Integer.MAX_VALUE - 3);
    Files.write(dir.resolve("huge.xtc"), huge);
    e = assertThrows(FormatException.class, () -> new XtcFormat().open(store, "huge.xtc", noCache));
    assertTrue(e.getMessage().contains("huge.xtc") && e.getMessage().contains("frame 0"), e.getMessage());

    // a bad small-integer index inside a frame is found when the frame is read
    byte[] badIdx = good.clone();
    ByteBuffer.wrap(badIdx).putInt(84, 200);
    Files.write(dir.resolve("badidx.xtc"), badIdx);
    try (TrajectoryReader r = new XtcFormat().open(store, "badidx.xtc", noCache)) {
      e = assertThrows(FormatException.class,
          () -> r.read(FrameRange.single(0), AtomSelection.all(), EnumSet.of(Field.POSITION)));
      assertTrue(e.getMessage().contains("badidx.xtc") && e.getMessage().contains("small-integer index 200"),
          e.getMessage());
    }

    // garbage in the compressed bytes: decoding stops with an error or yields numbers, never hangs or overflows
    byte[] noise = good.clone();
    new SplittableRandom(5).nextBytes(noise);
    System.arraycopy(good, 0, noise, 0, 92);
    ByteBuffer nb = ByteBuffer.wrap(noise);
    int n0 = nb.getInt(88);
    System.arraycopy(good, 92 + ((n0 + 3) & ~3), noise, 92 + ((n0 + 3) & ~3), good.length - 92 - ((n0 + 3) & ~3));
    Files.write(dir.resolve("noise.xtc"), noise);
    try (TrajectoryReader r = new XtcFormat().open(store, "noise.xtc", noCache)) {
      try {
        r.read(FrameRange.single(0), AtomSelection.all(), EnumSet.of(Field.POSITION));
      } catch (FormatException expected) {
        assertTrue(expected.getMessage().contains("noise.xtc"), expected.getMessage());
      }
    }
  }

  @Test
  void probeTellsXtcFromTrrAndJunk() throws IOException {
    String key = make("ten_atoms");
    FileStore store = new FileStore(dir);
    assertTrue(new XtcFormat().probe(store, key).isPresent());
    Path trr = dir.resolve("x.trr");
    MdAnalysisTrajectories.write(trr, "TRR", synthetic(10, 2, 3f), "{}");
    assertTrue(new XtcFormat().probe(store, "x.trr").isEmpty(), "a TRR file is not XTC");
    Files.write(dir.resolve("short.xtc"), new byte[] {0, 0, 7, (byte) 0xcb});
    assertTrue(new XtcFormat().probe(store, "short.xtc").isEmpty());
  }
}
