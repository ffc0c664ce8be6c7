package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trajstream bench} on tiny trajectories: table, plot, recommendation, clean-up. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void syntheticSweepPrintsATableAPlotAndARecommendation() throws Exception {
    Path png = dir.resolve("bench.png");
    CliRun r = CliRun.of("bench", "--synthetic", "--chunk-frames", "2,5", "--threads", "1,2", "--atoms", "30",
        "--frames", "20", "--repeats", "1", "--latency-ms", "1", "--bandwidth", "100MB", "--plot", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    long rows = r.out().lines().filter(l -> l.matches("\\| (2|5) \\| [12] \\|.*")).count();
    assertEquals(4, rows, r.out());
    assertTrue(r.out().contains("recommended: --chunk-frames "), r.out());
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void sweepOnAFileLocationDeletesWhatItWrote() throws Exception {
    CliRun r = CliRun.of("bench", dir.toString(), "--chunk-frames", "4,auto", "--threads", "1", "--atoms", "20",
        "--frames", "8", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("| auto (8) | 1 |"), r.out());
    try (Stream<Path> s = Files.walk(dir)) {
      assertEquals(0, s.filter(Files::isRegularFile).count(), "no objects left behind");
    }
  }

  @Test
  void needsAUrlOrSynthetic() {
    assertEquals(TrajStreamCommand.USAGE, CliRun.of("bench").exitCode());
    assertEquals(TrajStreamCommand.USAGE, CliRun.of("bench", "--synthetic", "--compressor", "brotli").exitCode());
  }
}
