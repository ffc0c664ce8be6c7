package io.trajstream.analysis.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command at the repository root, {@code ./trajstream analyze rmsd URL --spark local[2]}, writes
 * the same JSON and CSV as without {@code --spark}, and a plot, on Java 17 and on Java 25 when one
 * is installed, without warnings from the JVM (Spark's flags are the launcher's); several URLs (or
 * a pattern), with and without {@code --continuous}, are one trajectory as without {@code --spark}.
 */
class SparkCommandIT {
  /** The bin directory of a Java 25 ({@code JAVA25_HOME}, else one under the system's JVM directory), or null. */
  private static final Path JAVA_25 = java25();
  @TempDir static Path dir;
  private static Path root;
  private static String url;
  private static String part1;
  private static String part2;

  @BeforeAll
  static void setUp() throws IOException {
    root = Path.of(System.getProperty("trajstream.root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("cli/target/trajstream.jar"))) {
      TestEnvironment.missing("cli/target/trajstream.jar is not built (mvn -B package -DskipTests -pl cli -am)");
    }
    Trajectories.writeZarrmd(dir, "cmd.zarrmd", 21);
    url = dir.resolve("cmd.zarrmd").toString();
    Trajectories.writeZarrmdPart(dir, "parts/p1.zarrmd", 22, 100, 0);
    Trajectories.writeZarrmdPart(dir, "parts/p2.zarrmd", 23, 90, 75);
    part1 = dir.resolve("parts/p1.zarrmd").toString();
    part2 = dir.resolve("parts/p2.zarrmd").toString();
  }

  @Test
  void twoPartsAreOneTrajectoryAsWithoutSpark() throws Exception {
    Path local = dir.resolve("parts-local.json");
    Path spark = dir.resolve("parts-spark.json");
    run(null, "analyze", "rg", part1, part2, "-q", "--out", local.toString());
    String err = run(null, "analyze", "rg", part1, part2, "--spark", "local[2]", "--out", spark.toString());
    assertEquals(Files.readString(local), Files.readString(spark));
    assertTrue(Files.readString(spark).contains(",188,189]"), "190 frames: " + Files.readString(spark));
    assertNoWarnings(err);
  }

  @Test
  void partsJoinedByTimeFromAPatternAsWithoutSpark() throws Exception {
    String pattern = dir.resolve("parts").toString() + "/p*.zarrmd";
    Path local = dir.resolve("continuous-local.csv");
    Path spark = dir.resolve("continuous-spark.csv");
    run(null, "analyze", "rmsd", pattern, "--continuous", "--ref", "80", "-q", "--out", local.toString());
    run(null, "analyze", "rmsd", pattern, "--continuous", "--ref", "80", "--spark", "local[2]", "--out", spark.toString());
    assertEquals(Files.readString(local), Files.readString(spark));
    assertEquals(1 + 165, Files.readString(spark).strip().lines().count(), "a header and 75 + 90 frames");
  }

  @Test
  void onJava17TheJsonIsTheEnginesAndThePlotIsWritten() throws Exception {
    Path local = dir.resolve("local17.json");
    Path spark = dir.resolve("spark17.json");
    Path plot = dir.resolve("spark17.png");
    run(null, "analyze", "rmsd", url, "-q", "--out", local.toString());
    String err = run(null, "analyze", "rmsd", url, "--spark", "local[2]", "--out", spark.toString(), "--plot", plot.toString());
    assertEquals(Files.readString(local), Files.readString(spark));
    assertTrue(Files.readString(spark).contains("\"frames\":[0,1,2,"), Files.readString(spark));
    byte[] png = Files.readAllBytes(plot);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    assertNoWarnings(err);
  }

  @Test
  void onJava25TheCsvIsTheEngines() throws Exception {
    if (JAVA_25 == null) {
      // a second JDK is not a Debian package here: reported as skipped (never as passed), and
      // .ci/fresh-check says so before the build
      Assumptions.abort("no Java 25 found (set JAVA25_HOME or install one under /usr/lib/jvm):"
          + " the command on Java 25 not tried");
    }
    Path local = dir.resolve("local25.csv");
    Path spark = dir.resolve("spark25.csv");
    run(JAVA_25, "analyze", "rmsd", url, "-q", "--out", local.toString());
    String err = run(JAVA_25, "analyze", "rmsd", url, "--spark=local[2]", "--out", spark.toString());
    assertEquals(Files.readString(local), Files.readString(spark));
    assertNoWarnings(err);
  }

  private static Path java25() {
    List<Path> homes = new ArrayList<>();
    String env = System.getenv("JAVA25_HOME");
    if (env != null) {
      homes.add(Path.of(env));
    }
    try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      dirs.sorted().forEach(homes::add);
    } catch (IOException e) {
      // no system JVM directory
    }
    for (Path home : homes) {
      try {
        if (Files.isExecutable(home.resolve("bin/java"))
            && Files.readString(home.resolve("release")).contains("JAVA_VERSION=\"25")) {
          return home.resolve("bin");
        }
      } catch (IOException e) {
        // not a JDK
      }
    }
    return null;
  }

  private static void assertNoWarnings(String stderr) {
    for (String line : stderr.split("\n")) {
      assertFalse(line.startsWith("WARNING") || line.contains("illegal") || line.startsWith("SLF4J"),
          "stderr of the command: " + stderr);
    }
  }

  /** Runs the launcher with {@code javaBin} first on the PATH (null: as it is); returns its stderr. */
  private static String run(Path javaBin, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("trajstream").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    if (javaBin != null) {
      pb.environment().put("PATH", javaBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    }
    pb.environment().remove("SPARK_LOCAL_IP");
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the command finished: " + command);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), command + "\nstdout: " + Files.readString(out) + "\nstderr: " + stderr);
    return stderr;
  }
}
