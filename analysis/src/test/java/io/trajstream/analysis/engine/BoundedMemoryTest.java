package io.trajstream.analysis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by the blocks in flight, not by the trajectory: a JVM with a 32 MiB heap runs
 * RMSF and RMSD over a trajectory whose positions alone take about 8 times the heap.
 */
class BoundedMemoryTest {
  @Test
  void analysesATrajectoryMuchLargerThanTheHeap() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    int atoms = 3000;
    int frames = 6000;
    TestEnvironment.ProcessResult r = TestEnvironment.run(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BoundedMemoryMain.class.getName(),
        Integer.toString(atoms), Integer.toString(frames)), null);
    assertEquals(0, r.exitCode(), "forked analysis failed:\n" + r.stdout() + r.stderr());
    Map<String, String> facts = new HashMap<>();
    for (String token : r.stdout().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        facts.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    long heap = Long.parseLong(facts.get("maxHeap"));
    long data = Long.parseLong(facts.get("positionBytes"));
    assertTrue(data > 6 * heap, "trajectory of " + data + " bytes is not several times the heap of " + heap);
    assertEquals(frames, Integer.parseInt(facts.get("rmsdFrames")));
    assertEquals(atoms, Integer.parseInt(facts.get("rmsfAtoms")));
    assertEquals(frames, Integer.parseInt(facts.get("rmsfFrames")));
    assertTrue(Double.parseDouble(facts.get("rmsf0")) > 0);
    assertTrue(Double.isFinite(Double.parseDouble(facts.get("rmsdLast"))));
  }
}
