package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the Spark runner on the class path (the command's own jar and tests hold no Spark),
 * {@code analyze --spark MASTER} is a usage error of one line saying how to get the runner, also
 * for several parts with {@code --continuous} (which {@code --spark} takes as one trajectory).
 * analysis-spark's SparkCommandIT runs the command with it.
 */
class SparkOptionTest {
  @Test
  void withoutTheRunnerSparkIsAUsageErrorNamingTheModule() {
    Path data = TestEnvironment.requireSharedData();
    String h5md = data.resolve("mdanalysis/cobrotoxin.h5md").toString();
    CliRun run = CliRun.of("analyze", "rmsd", h5md, "--spark", "local[2]", "-q");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("analysis-spark"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void partsGoToTheRunnerToo(@TempDir Path dir) throws Exception {
    String a = PartWriter.write(dir, "run.part1.zarrmd", 12, 1, 0, "nm");
    String b = PartWriter.write(dir, "run.part2.zarrmd", 9, 2, 10, "nm");
    CliRun run = CliRun.of("analyze", "rg", a, b, "--continuous", "--spark", "local[2]", "-q");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("analysis-spark"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }
}
