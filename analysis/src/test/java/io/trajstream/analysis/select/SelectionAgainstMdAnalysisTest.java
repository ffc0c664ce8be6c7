package io.trajstream.analysis.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.analysis.MdaReference;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selections and guessed masses agree with MDAnalysis on cobrotoxin.pdb (19385 atoms: protein,
 * water, ions) and on the same system written by MDAnalysis as a GRO file.
 */
class SelectionAgainstMdAnalysisTest {
  static final List<String> EXPRESSIONS = List.of(
      "all", "index 0:99", "index 3 7 9", "bynum 1:100", "name CA", "name H*", "resname SOL",
      "resid 1:10", "protein", "backbone", "name CA and resid 5:20", "protein and not backbone",
      "(resname ARG or resname LYS) and name N*", "not protein", "resname SOL and name OW",
      "name C* or name N* and resid 1:3", "not name H* and protein", "resid 1 to 5 or bynum 19000:19385",
      "name CL NA", "resid 4690:4693", "name ?HD?", "name [CN]A", "resid 3-4 7", "index 10 : 12",
      "not (protein or resname SOL)", "backbone and not (name N or name O)", "resname T* and name C?",
      "bynum 5 or index 5", "name CA CB and resid 1:3 or resname CL");

  @Test
  void pdbSelectionsMassesAndResidsMatchMdAnalysis(@TempDir Path tmp) throws IOException {
    Path pdb = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.pdb");
    compare(pdb, tmp, Topology.read(pdb));
  }

  @Test
  void groSelectionsMassesAndResidsMatchMdAnalysis(@TempDir Path tmp) throws IOException {
    Path pdb = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.pdb");
    Path gro = tmp.resolve("cobrotoxin.gro");
    new MdaReference().task("w", "write", "{\"path\":\"" + gro + "\"}").run(pdb, tmp);
    Topology top = Topology.read(gro);
    assertEquals(19385, top.atomCount());
    Path work = Files.createDirectories(tmp.resolve("gro"));
    compare(gro, work, top);
  }

  private static void compare(Path file, Path work, Topology top) throws IOException {
    MdaReference ref = new MdaReference().task("masses", "masses", "{}").task("resids", "resids", "{}");
    for (int i = 0; i < EXPRESSIONS.size(); i++) {
      ref.task("s" + i, "select", "{\"select\":\"" + EXPRESSIONS.get(i) + "\"}");
    }
    Map<String, double[]> expected = ref.run(file, work);
    assertArrayEquals(expected.get("masses"), top.masses(), 0.0, "masses of " + file.getFileName());
    int[] resids = new int[top.atomCount()];
    Arrays.setAll(resids, top::resid);
    assertArrayEquals(Arrays.stream(expected.get("resids")).mapToInt(d -> (int) d).toArray(), resids, "resids");
    for (int i = 0; i < EXPRESSIONS.size(); i++) {
      int[] want = Arrays.stream(expected.getOrDefault("s" + i, new double[0])).mapToInt(d -> (int) d).toArray();
      int[] got = Selection.parse(EXPRESSIONS.get(i)).indices(top);
      assertArrayEquals(want, got, "'" + EXPRESSIONS.get(i) + "' on " + file.getFileName());
    }
  }
}
