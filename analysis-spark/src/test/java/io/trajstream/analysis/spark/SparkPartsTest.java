package io.trajstream.analysis.spark;

import static io.trajstream.analysis.spark.Agreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.ReadOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trajectory given as its parts runs on Spark ({@code local[2,4]}) with the in-process engine's
 * result over the chain ({@code TrajStream.open(parts, …, continuous)}): two and three zarrmd parts
 * of a restarted run that overlap in time, concatenated and joined by time, for per-frame series
 * (rmsd, rg: the chain's frame numbers and times) and a sum over frames (rmsf); a reference frame
 * in another part than most splits, frames and atoms of a subset; a pattern for the parts; a chain
 * beside a plain trajectory in one job; and a part that disappears after planning fails the job
 * with one line naming it.
 */
class SparkPartsTest {
  @TempDir static Path dir;
  /** Parts: 100 frames from 0 ps, 90 from 75 ps, 110 from 138 ps (1 ps apart). */
  private static final List<String> PARTS = new ArrayList<>();
  private static String plain;

  @BeforeAll
  static void write() throws IOException {
    Trajectories.writeZarrmdPart(dir, "run/part1.zarrmd", 11, 100, 0);
    Trajectories.writeZarrmdPart(dir, "run/part2.zarrmd", 12, 90, 75);
    Trajectories.writeZarrmdPart(dir, "run/part3.zarrmd", 13, 110, 138);
    for (int p = 1; p <= 3; p++) {
      PARTS.add(dir.resolve("run/part" + p + ".zarrmd").toString());
    }
    Trajectories.writeZarrmd(dir, "plain.zarrmd", 14);
    plain = dir.resolve("plain.zarrmd").toString();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int parts : new int[] {2, 3}) {
      for (boolean continuous : new boolean[] {false, true}) {
        for (String name : List.of("rmsd", "rg", "rmsf")) {
          out.add(Arguments.of(parts, continuous, name));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{2} over {0} parts, continuous={1}")
  @MethodSource("cases")
  void theChainsResultIsTheEngines(int parts, boolean continuous, String name) throws IOException {
    List<String> urls = PARTS.subList(0, parts);
    Analysis<?, ?> a = Trajectories.analysis(name);
    RunOptions options = RunOptions.builder().build();
    AnalysisResult expected = Trajectories.engine(urls, continuous, a, options);
    AnalysisResult actual = Trajectories.spark(TrajectoryParts.of(urls, continuous), a, options);
    String what = name + " over " + parts + " parts, continuous=" + continuous;
    assertAgree(expected, actual, what);
    if (!name.equals("rmsf")) {
      // frames of the chain: 100 + 90 (+ 110) concatenated; 75 + 90 or 75 + 63 + 110 joined by time
      int frames = continuous ? (parts == 2 ? 165 : 248) : (parts == 2 ? 190 : 300);
      assertEquals(frames, actual.size(), what + ": frames");
      assertEquals(frames - 1, (int) actual.axis()[frames - 1], what + ": the chain's frame numbers");
      assertArrayEquals(expected.time(), actual.time(), 0.0, what + ": times");
      if (continuous) {
        for (int i = 1; i < frames; i++) {
          assertTrue(actual.time()[i] > actual.time()[i - 1], what + ": time increases at frame " + i);
        }
      }
    }
  }

  /** The reference is a frame of the second part; frames 5, 8, … of every part; atoms 20–119; md units. */
  @Test
  void aReferenceInAnotherPartAndASubsetOfFramesAndAtoms() throws IOException {
    Analysis<?, ?> rmsd = TrajStream.create().analysis("rmsd").create(AnalysisParams.of(Map.of("ref", "122")));
    RunOptions options = RunOptions.builder().start(5).step(3).atoms(AtomSelection.of(SparkFileStoreTest.range(20, 120)))
        .units(UnitMode.MD).build();
    for (boolean continuous : new boolean[] {false, true}) {
      AnalysisResult expected = Trajectories.engine(PARTS, continuous, rmsd, options);
      AnalysisResult actual = Trajectories.spark(TrajectoryParts.of(PARTS, continuous), rmsd, options);
      assertAgree(expected, actual, "rmsd to frame 122, frames 5::3, continuous=" + continuous);
      assertEquals(0.0, actual.values()[(122 - 5) / 3], 1e-6, "rmsd of the reference to itself");
    }
  }

  /** {@code run/part*.zarrmd} is the three parts in order. */
  @Test
  void aPatternNamesTheParts() throws IOException {
    String pattern = dir.resolve("run").toString() + "/part*.zarrmd";
    Analysis<?, ?> rg = Trajectories.analysis("rg");
    RunOptions options = RunOptions.builder().build();
    AnalysisResult expected = Trajectories.engine(PARTS, true, rg, options);
    assertAgree(expected, Trajectories.spark(TrajectoryParts.of(List.of(pattern), true), rg, options), "rg of " + pattern);
  }

  /** A plain trajectory and a chain as one job: each its own result, by name. */
  @Test
  void aChainBesideAPlainTrajectoryInOneJob() throws IOException {
    Analysis<?, ?> rmsf = Trajectories.analysis("rmsf");
    RunOptions options = RunOptions.builder().build();
    TrajectoryParts chain = TrajectoryParts.of(PARTS.subList(1, 3), false);
    @SuppressWarnings("unchecked")
    SparkRun<AnalysisResult> run = SparkAnalysisRunner.runAll(TestSpark.session(), List.of(TrajectoryParts.of(plain),
        chain), StoreConfig.empty(), ReadOptions.defaults(), (Analysis<?, AnalysisResult>) rmsf, options);
    assertEquals(List.of(plain, chain.name()), List.copyOf(run.results().keySet()));
    assertAgree(Trajectories.engine(plain, StoreConfig.empty(), rmsf, options), run.results().get(plain), "rmsf of " + plain);
    assertAgree(Trajectories.engine(chain.urls(), false, rmsf, options), run.results().get(chain.name()),
        "rmsf of " + chain.name());
  }

  @Test
  void aPartGoneAfterPlanningFailsTheJobNamingIt() throws Exception {
    Trajectories.writeZarrmdPart(dir, "gone/part1.zarrmd", 15, 60, 0);
    Trajectories.writeZarrmdPart(dir, "gone/part2.zarrmd", 16, 60, 60);
    Path second = dir.resolve("gone/part2.zarrmd");
    List<String> urls = List.of(dir.resolve("gone/part1.zarrmd").toString(), second.toString());
    FailedTasks failed = FailedTasks.register(() -> delete(second));
    try {
      IOException e = assertThrows(IOException.class,
          () -> Trajectories.spark(TrajectoryParts.of(urls, false), Trajectories.analysis("rg"), RunOptions.builder().build()));
      System.out.println("a part gone: " + e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertTrue(e.getMessage().startsWith("analysis rg on Spark failed after 4 attempts: "), e.getMessage());
      assertTrue(e.getMessage().contains("part2.zarrmd"), e.getMessage());
      assertFalse(e.getMessage().contains("part1.zarrmd"), e.getMessage());
      assertTrue(failed.awaitAtLeast(4) >= 4, "attempts");
    } finally {
      failed.remove();
    }
  }

  private static void delete(Path tree) {
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
