package io.trajstream.analysis.spark;

import static io.trajstream.analysis.spark.Agreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in analysis on Spark ({@code local[2,4]}) over zarrmd trajectories on local disk gives
 * the in-process engine's result; two trajectories run as one job give each its own result; a
 * trajectory that disappears after planning fails the job with one line naming it.
 */
class SparkFileStoreTest {
  @TempDir static Path dir;
  private static String first;
  private static String second;

  @BeforeAll
  static void write() throws IOException {
    Trajectories.writeZarrmd(dir, "a.zarrmd", 7);
    Trajectories.writeZarrmd(dir, "b.zarrmd", 8);
    first = dir.resolve("a.zarrmd").toString();
    second = dir.resolve("b.zarrmd").toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rmsd", "rmsf", "rg", "com", "msd", "rdf"})
  void eachAnalysisEqualsTheEngine(String name) throws IOException {
    Analysis<?, ?> a = Trajectories.analysis(name);
    RunOptions options = RunOptions.builder().build();
    AnalysisResult expected = Trajectories.engine(first, StoreConfig.empty(), a, options);
    AnalysisResult actual = Trajectories.spark(List.of(first), StoreConfig.empty(), a, options).get(first);
    assertAgree(expected, actual, name + " on Spark");
  }

  /** Frames, atoms and units of the run reach the executors. */
  @Test
  void aSubsetOfFramesAndAtomsInMdUnits() throws IOException {
    Analysis<?, ?> a = Trajectories.analysis("rmsd");
    RunOptions options = RunOptions.builder().start(5).stop(200).step(3).atoms(AtomSelection.of(range(20, 120)))
        .units(UnitMode.MD).build();
    AnalysisResult expected = Trajectories.engine(first, StoreConfig.empty(), a, options);
    AnalysisResult actual = Trajectories.spark(List.of(first), StoreConfig.empty(), a, options).get(first);
    assertEquals(65, actual.size());
    assertAgree(expected, actual, "rmsd of frames 5:200:3, atoms 20:119, md units");
  }

  @Test
  void twoTrajectoriesAsOneJobGiveEachItsResult() throws IOException {
    for (String name : List.of("rmsf", "rg")) {
      Analysis<?, ?> a = Trajectories.analysis(name);
      RunOptions options = RunOptions.builder().build();
      Map<String, AnalysisResult> both = Trajectories.spark(List.of(first, second), StoreConfig.empty(), a, options);
      assertEquals(List.of(first, second), List.copyOf(both.keySet()));
      assertAgree(Trajectories.engine(first, StoreConfig.empty(), a, options), both.get(first), name + " of " + first);
      assertAgree(Trajectories.engine(second, StoreConfig.empty(), a, options), both.get(second), name + " of " + second);
      assertTrue(!both.get(first).toJson().equals(both.get(second).toJson()), "two different trajectories");
    }
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

}
