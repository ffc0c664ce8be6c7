package io.trajstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/** Any bytes as a GROMACS .gro file: a topology that selections can use, or an error naming the file and line. */
class GroFuzzTest {
  @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
  void readGro(byte[] file) throws IOException {
    TopologyFuzz.read("fuzz.gro", file);
  }
}
