package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** Any bytes as a PDB file: a topology that selections can use, or an error naming the file and line. */
class PdbFuzzTest {
  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void readPdb(byte[] file) throws IOException {
    TopologyFuzz.read("fuzz.pdb", file);
  }
}
