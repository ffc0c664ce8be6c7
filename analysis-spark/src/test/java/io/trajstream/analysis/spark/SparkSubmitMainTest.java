package io.trajstream.analysis.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.AtomSelection;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar's main class (run here on the test session, as inside spark-submit) writes
 * each trajectory's result, as {@code analyze} writes it, keyed by URL; with {@code --parts} or
 * {@code --continuous} the URLs are one trajectory with one result.
 */
class SparkSubmitMainTest {
  @TempDir Path dir;

  @Test
  void writesEachTrajectorysResultByUrl() throws IOException {
    Trajectories.writeZarrmd(dir, "a.zarrmd", 31);
    Trajectories.writeZarrmd(dir, "b.zarrmd", 32);
    String a = dir.resolve("a.zarrmd").toString();
    String b = dir.resolve("b.zarrmd").toString();
    TestSpark.session();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = SparkSubmitMain.run(new String[] {"rg", a, b, "--select", "index 10:59", "--start", "4", "--param",
        "weights=none"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    JsonNode results = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8)).path("results");
    assertEquals(2, results.size());
    RunOptions options = RunOptions.builder().start(4).atoms(AtomSelection.range(10, 59)).build();
    var rg = TrajStream.create().analysis("rg").create(AnalysisParams.of(Map.of("weights", "none")));
    for (int i = 0; i < 2; i++) {
      String url = i == 0 ? a : b;
      assertEquals(url, results.get(i).path("url").asText());
      assertEquals(new ObjectMapper().readTree(Trajectories.engine(url, StoreConfig.empty(), rg, options).toJson()),
          results.get(i).path("result"), "rg of " + url);
    }
  }

  @Test
  void partsJoinedByTimeAreOneTrajectory() throws IOException {
    Trajectories.writeZarrmdPart(dir, "p1.zarrmd", 33, 100, 0);
    Trajectories.writeZarrmdPart(dir, "p2.zarrmd", 34, 90, 75);
    List<String> parts = List.of(dir.resolve("p1.zarrmd").toString(), dir.resolve("p2.zarrmd").toString());
    TestSpark.session();
    for (String mode : List.of("--parts", "--continuous")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int code = SparkSubmitMain.run(new String[] {"rg", parts.get(0), parts.get(1), mode, "--select", "index 10:59",
          "--param", "weights=none"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertEquals(0, code);
      JsonNode results = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8)).path("results");
      assertEquals(1, results.size(), mode);
      boolean continuous = mode.equals("--continuous");
      assertEquals(TrajectoryParts.of(parts, continuous).name(), results.get(0).path("url").asText());
      RunOptions options = RunOptions.builder().atoms(AtomSelection.range(10, 59)).build();
      var rg = TrajStream.create().analysis("rg").create(AnalysisParams.of(Map.of("weights", "none")));
      JsonNode expected = new ObjectMapper().readTree(Trajectories.engine(parts, continuous, rg, options).toJson());
      assertEquals(continuous ? 165 : 190, expected.path("frames").size(), mode);
      assertEquals(expected, results.get(0).path("result"), "rg of the parts, " + mode);
    }
  }
}
