package io.trajstream.fuzz;

import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Reads any bytes as a topology file and uses it as an analysis would. */
final class TopologyFuzz {
  /** Selections that touch every per-atom property a topology has. */
  private static final Selection[] USES = {
    Selection.parse("protein and name CA"),
    Selection.parse("backbone or resname SOL HOH"),
    Selection.parse("resid 1:3 or segid A SYSTEM or type H O"),
  };

  private TopologyFuzz() {}

  static void read(String fileName, byte[] data) throws IOException {
    try {
      Topology t = Topology.read(fileName, new ByteArrayInputStream(data));
      for (Selection s : USES) {
        s.indices(t);
      }
      t.masses();
    } catch (FormatException e) {
      Allowed.formatError(e, fileName);
    }
  }
}
