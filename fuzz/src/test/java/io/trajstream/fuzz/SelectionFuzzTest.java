package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.select.SelectionException;
import io.trajstream.analysis.topology.Topology;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Any text as an atom selection, parsed and applied to a 60-atom protein topology and, when it
 * needs none, to a system of 1000 atoms. Sorted atom indices, or an error quoting the selection.
 */
class SelectionFuzzTest {
  /** The first residues of cobrotoxin (the seed PDB of the topology target). */
  private static final Topology PROTEIN = topology();
  private static final int ATOMS = 1000;

  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void parseAndApply(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Selection s = Selection.parse(text);
      s.indices(PROTEIN);
      if (!s.needsTopology()) {
        s.indices(ATOMS);
      }
    } catch (SelectionException e) {
      Allowed.selectionError(e, text);
    }
  }

  private static Topology topology() {
    byte[] pdb = Fixtures.bytes("PdbFuzzTestInputs/readPdb/seed-cobrotoxin-head.pdb");
    try {
      return Topology.read("cobrotoxin-head.pdb", new ByteArrayInputStream(pdb));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
