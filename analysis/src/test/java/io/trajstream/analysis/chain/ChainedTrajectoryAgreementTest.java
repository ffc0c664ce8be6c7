package io.trajstream.analysis.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.RadiusOfGyration;
import io.trajstream.analysis.builtin.Rmsd;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.BlockPlan;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.MdAnalysisTrajectories;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several H5MD files written by MDAnalysis, read as one trajectory, against MDAnalysis's
 * ChainReader on the same files: frame count, time and step of every frame, a coordinate of every
 * frame, and RMSD and radius of gyration per frame; concatenated and joined by time
 * ({@code continuous}); with two and three parts; and the engine's blocks never span two parts.
 */
class ChainedTrajectoryAgreementTest {
  private static final int ATOMS = 40;
  private static final String SELECT = "all";
  private static final String H5MD_UNITS = "{\"lengthunit\": \"nm\", \"timeunit\": \"ps\"}";

  @TempDir Path dir;

  /** Writes part {@code name} with MDAnalysis: {@code frames} frames from time {@code t0} every 2 ps. */
  private String part(String name, int frames, double t0, long seed) throws IOException {
    return part(name, frames, t0, seed, ATOMS);
  }

  private String part(String name, int frames, double t0, long seed, int atoms) throws IOException {
    SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(seed)
        .fields(EnumSet.of(Field.POSITION)).build();
    FrameBlock full = syn.block(0, frames);
    FrameBlock.Builder b = FrameBlock.builder(full.frames(), full.atoms());
    for (int i = 0; i < frames; i++) {
      double t = t0 + 2.0 * i;
      b.step(i, Math.round(t * 500)).time(i, t);
      b.set(Field.POSITION, i, full.positions(), i * atoms * 3);
    }
    Path file = dir.resolve(name);
    MdAnalysisTrajectories.write(file, "H5MD", b.build(), H5MD_UNITS);
    return file.toString();
  }

  private JsonNode chainReader(boolean continuous, List<String> parts) throws IOException {
    TestEnvironment.requirePython("MDAnalysis", "numpy", "h5py");
    String script;
    try (InputStream in = getClass().getResourceAsStream("/python/mda_chain.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> args = new ArrayList<>(List.of(continuous ? "1" : "0", SELECT));
    args.addAll(parts);
    return new ObjectMapper().readTree(TestEnvironment.python(script, args.toArray(String[]::new)));
  }

  private void assertAgrees(List<String> parts, boolean continuous) throws IOException {
    JsonNode ref = chainReader(continuous, parts);
    try (TrajectoryReader r = TrajStream.create().open(parts, StoreConfig.empty(), ReadOptions.defaults(), continuous)) {
      TrajectoryInfo info = r.info();
      String what = parts.size() + " parts, continuous=" + continuous;
      assertEquals(ref.get("frames").asInt(), info.frames(), what + ": frames");
      FrameBlock all = r.read(FrameRange.of(0, info.frames()), AtomSelection.all(), EnumSet.of(Field.POSITION));
      for (int f = 0; f < info.frames(); f++) {
        assertEquals(ref.get("time").get(f).asDouble(), info.time(f), 1e-9, what + ": time of frame " + f);
        assertEquals(ref.get("step").get(f).asLong(), info.step(f), what + ": step of frame " + f);
        assertEquals(ref.get("first").get(f).asDouble(), all.positions()[f * ATOMS * 3], 0, what + ": x of atom 0, frame " + f);
        assertEquals(f, all.frame(f));
      }
      RunOptions small = RunOptions.builder().threads(2).ioThreads(2).blockBytes(3L * ATOMS * 4 * 3).build();
      for (RunOptions o : List.of(small, RunOptions.builder().threads(1).ioThreads(1).build())) {
        Analysis<?, ?> rmsd = new Rmsd.Factory().create(AnalysisParams.empty());
        Analysis<?, ?> rg = new RadiusOfGyration.Factory().create(AnalysisParams.empty().with("weights", "none"));
        assertClose(ref.get("rmsd"), ((AnalysisResult) AnalysisEngine.run(r, rmsd, o)).values(), 2e-6, what + " rmsd");
        assertClose(ref.get("rg"), ((AnalysisResult) AnalysisEngine.run(r, rg, o)).values(), 1e-6, what + " rg");
        BlockPlan plan = AnalysisEngine.plan(r, EnumSet.of(Field.POSITION), o);
        for (FrameRange b : plan.blockRanges()) {
          assertEquals(info.partOf(b.start()), info.partOf(b.last()), what + ": block " + b + " spans two parts "
              + info.partStarts());
        }
      }
    }
  }

  private static void assertClose(JsonNode expected, double[] actual, double tol, String what) {
    assertEquals(expected.size(), actual.length, what + ": length");
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expected.get(i).asDouble(), actual[i], tol, what + " at frame " + i);
    }
  }

  @Test
  void twoPartsConcatenatedAgreeWithChainReader() throws IOException {
    assertAgrees(List.of(part("a.h5md", 7, 0, 1), part("b.h5md", 5, 14, 2)), false);
  }

  @Test
  void threePartsConcatenatedAgreeWithChainReader() throws IOException {
    List<String> parts = List.of(part("a.h5md", 6, 0, 1), part("b.h5md", 9, 12, 2), part("c.h5md", 4, 30, 3));
    assertAgrees(parts, false);
    try (TrajectoryReader r = TrajStream.create().open(parts, StoreConfig.empty(), ReadOptions.defaults(), false)) {
      assertEquals(List.of(0, 6, 15), r.info().partStarts());
      assertEquals(3, r.info().parts());
    }
  }

  @Test
  void twoRestartedPartsJoinedByTimeAgreeWithChainReader() throws IOException {
    // b restarts at t = 8 while a ran to t = 12: a's frames at 8, 10, 12 give way to b's
    assertAgrees(List.of(part("a.h5md", 7, 0, 1), part("b.h5md", 6, 8, 2)), true);
  }

  @Test
  void threeOverlappingPartsJoinedByTimeAgreeWithChainReader() throws IOException {
    List<String> parts = List.of(part("a.h5md", 8, 0, 1), part("b.h5md", 8, 10, 2), part("c.h5md", 5, 20, 3));
    assertAgrees(parts, true);
    try (TrajectoryReader r = TrajStream.create().open(parts, StoreConfig.empty(), ReadOptions.defaults(), true)) {
      // a: t 0..14 cut before 10 (5 frames); b: t 10..24 cut before 20 (5 frames); c whole
      assertEquals(List.of(0, 5, 10), r.info().partStarts());
      assertEquals(15, r.info().frames());
    }
  }

  @Test
  void partsWithDifferentAtomCountsAreAnErrorNamingBoth() throws IOException {
    String a = part("a.h5md", 3, 0, 1);
    String b = part("b.h5md", 3, 6, 2, ATOMS + 1);
    FormatException e = assertThrows(FormatException.class,
        () -> TrajStream.create().open(List.of(a, b), StoreConfig.empty(), ReadOptions.defaults(), false));
    assertTrue(e.getMessage().contains("a.h5md") && e.getMessage().contains("b.h5md"), e.getMessage());
  }

  @Test
  void aPatternOfKeysIsExpandedInNaturalOrderAndFormatsMix() throws IOException {
    String p1 = part("run.part1.h5md", 4, 0, 1);
    String p2 = part("run.part2.h5md", 4, 8, 2);
    String p10 = part("run.part10.h5md", 4, 16, 3);
    TrajStream ts = TrajStream.create();
    List<String> expanded = ts.expand(List.of(dir.resolve("run.part*.h5md").toString()), StoreConfig.empty());
    assertEquals(List.of(p1, p2, p10), expanded);
    // part 2 as zarrmd: the chain mixes formats and reads the same values
    try (TrajectoryReader src = ts.open(p2, StoreConfig.empty());
        TrajectoryWriter w = ts.create(dir.resolve("run.part2.zarrmd").toString(), StoreConfig.empty(), null,
            src.info(), WriteOptions.defaults())) {
      w.append(src.read(FrameRange.of(0, src.info().frames()), AtomSelection.all(), EnumSet.of(Field.POSITION)));
    }
    try (TrajectoryReader h5 = ts.open(List.of(dir.resolve("run.part*.h5md").toString()), StoreConfig.empty(),
            ReadOptions.defaults(), false);
        TrajectoryReader mixed = ts.open(List.of(p1, dir.resolve("run.part2.zarrmd").toString(), p10),
            StoreConfig.empty(), ReadOptions.defaults(), false)) {
      assertEquals(12, h5.info().frames());
      assertTrue(h5.info().partLocation(2).endsWith("run.part10.h5md"), h5.info().partLocation(2));
      assertEquals("h5md+zarrmd", mixed.info().format());
      FrameBlock a = h5.read(FrameRange.of(0, 12), AtomSelection.of(0, 7, 39), EnumSet.of(Field.POSITION));
      FrameBlock b = mixed.read(FrameRange.of(0, 12), AtomSelection.of(0, 7, 39), EnumSet.of(Field.POSITION));
      assertArrayEquals(a.positions(), b.positions());
      assertArrayEquals(h5.info().steps(), mixed.info().steps());
      FrameBlock strided = mixed.read(new FrameRange(1, 12, 3), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertArrayEquals(new int[] {1, 4, 7, 10}, strided.frames());
    }
  }
}
