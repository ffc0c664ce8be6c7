package io.trajstream.analysis.spark;

import static io.trajstream.analysis.spark.Agreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.cluster.ClusterRunner;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code spark} runner as the command finds it (ServiceLoader) and calls it for parts: its
 * {@code runParts}, called through the {@link ClusterRunner} interface as the command does, gives the
 * engine's result over the chain.
 */
class SparkClusterRunnerTest {
  @TempDir Path dir;

  @Test
  void runPartsAsTheCommandCallsIt() throws Exception {
    Trajectories.writeZarrmdPart(dir, "r1.zarrmd", 41, 70, 0);
    Trajectories.writeZarrmdPart(dir, "r2.zarrmd", 42, 70, 52.5);
    List<String> parts = List.of(dir.resolve("r1.zarrmd").toString(), dir.resolve("r2.zarrmd").toString());
    TestSpark.session();
    ClusterRunner runner = ClusterRunner.find("spark").orElseThrow();
    Analysis<?, ?> rg = Trajectories.analysis("rg");
    RunOptions options = RunOptions.builder().build();
    AnalysisResult actual = (AnalysisResult) runner.runParts("local[2]", parts, true, StoreConfig.empty(),
        ReadOptions.defaults(), rg, options);
    AnalysisResult expected = Trajectories.engine(parts, true, rg, options);
    assertEquals(53 + 70, actual.size(), "r1 up to 52 ps, then r2");
    assertAgree(expected, actual, "rg of two parts joined by time");
  }
}
