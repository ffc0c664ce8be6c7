package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trajstream analyze} end to end on the shared cobrotoxin files and {@code trajstream demo}. */
class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode expected(Path data, String select) throws IOException {
    return JSON.readTree(data.resolve("EXPECTED.json").toFile()).path("cobrotoxin").path("analyses").path(select);
  }

  private static void assertClose(JsonNode expected, JsonNode actual, String what) {
    assertEquals(expected.size(), actual.size(), what + " length");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i).asDouble();
      double a = actual.get(i).asDouble();
      assertTrue(Math.abs(e - a) <= Math.max(1e-5, 1e-4 * Math.abs(e)), what + "[" + i + "]: " + e + " vs " + a);
    }
  }

  @Test
  void rmsdOfCobrotoxinMatchesMdAnalysisWithProgressCsvAndPlot(@TempDir Path tmp) throws IOException {
    Path data = TestEnvironment.requireSharedData();
    String h5md = data.resolve("mdanalysis/cobrotoxin.h5md").toString();
    String pdb = data.resolve("mdanalysis/cobrotoxin.pdb").toString();
    CliRun run = CliRun.of("analyze", "rmsd", h5md, "--select", "name CA", "--topology", pdb, "--units", "md",
        "--threads", "2", "--io-threads", "2", "--plot", tmp.resolve("rmsd.png").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode r = JSON.readTree(run.out());
    assertEquals("rmsd", r.get("analysis").asText());
    assertEquals("Angstrom", r.get("unit").asText());
    assertEquals(List.of(0, 1, 2), List.of(r.get("frames").get(0).asInt(), r.get("frames").get(1).asInt(), r.get("frames").get(2).asInt()));
    assertEquals(100.0, r.get("time").get(2).asDouble(), 1e-9);
    assertClose(expected(data, "name CA").get("rmsd_ref0"), r.get("values"), "rmsd");
    assertTrue(run.err().contains("rmsd") && run.err().contains("3/3"), "progress bar on stderr: " + run.err());
    byte[] png = Files.readAllBytes(tmp.resolve("rmsd.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));

    CliRun rg = CliRun.of("analyze", "rg", h5md, "--select", "backbone", "--topology", pdb, "--units", "md",
        "--weights", "mass", "-q", "--out", tmp.resolve("rg.csv").toString());
    assertEquals(0, rg.exitCode(), rg.err());
    List<String> csv = Files.readAllLines(tmp.resolve("rg.csv"));
    assertEquals("frame,time,rg (Angstrom)", csv.get(0));
    assertEquals(4, csv.size());
    double[] expectedRg = JSON.convertValue(expected(data, "backbone").get("rg_mass_weighted"), double[].class);
    for (int i = 0; i < 3; i++) {
      double v = Double.parseDouble(csv.get(i + 1).split(",")[2]);
      assertEquals(expectedRg[i], v, 1e-4 * expectedRg[i]);
    }

    CliRun rmsf = CliRun.of("analyze", "rmsf", h5md, "--select", "protein", "--topology", pdb, "--units", "md", "-q",
        "--out", tmp.resolve("rmsf.json").toString());
    assertEquals(0, rmsf.exitCode(), rmsf.err());
    JsonNode f = JSON.readTree(tmp.resolve("rmsf.json").toFile());
    assertEquals(918, f.get("atoms").size());
    JsonNode expectedRmsf = expected(data, "protein").get("rmsf");
    for (int i = 0; i < expectedRmsf.size(); i++) {
      assertEquals(expectedRmsf.get(i).asDouble(), f.get("values").get(i).asDouble(), 1e-4 * expectedRmsf.get(i).asDouble());
    }
  }

  @Test
  void rdfTakesSecondGroupBinsAndRangeInTheChosenUnits(@TempDir Path tmp) throws IOException {
    Path data = TestEnvironment.requireSharedData();
    String h5md = data.resolve("mdanalysis/cobrotoxin.h5md").toString();
    String pdb = data.resolve("mdanalysis/cobrotoxin.pdb").toString();
    CliRun md = CliRun.of("analyze", "rdf", h5md, "--topology", pdb, "--select", "name OW and resid 100:400",
        "--select2", "name CA", "--nbins", "20", "--range", "0:15", "--units", "md", "-q");
    assertEquals(0, md.exitCode(), md.err());
    CliRun nm = CliRun.of("analyze", "rdf", h5md, "--topology", pdb, "--select", "name OW and resid 100:400",
        "--select2", "name CA", "--nbins", "20", "--range", "0:1.5", "-q");
    assertEquals(0, nm.exitCode(), nm.err());
    JsonNode a = JSON.readTree(md.out());
    JsonNode b = JSON.readTree(nm.out());
    assertEquals(20, a.get("bins").size());
    assertEquals(14.625, a.get("bins").get(19).asDouble(), 1e-9);
    assertEquals(1.4625, b.get("bins").get(19).asDouble(), 1e-9);
    double sum = 0;
    for (int i = 0; i < 20; i++) {
      assertEquals(a.get("values").get(i).asDouble(), b.get("values").get(i).asDouble(),
          1e-6 * Math.max(1, a.get("values").get(i).asDouble()), "rdf bin " + i + " in md vs native units");
      sum += a.get("values").get(i).asDouble();
    }
    assertTrue(sum > 0, "water oxygens found near C-alphas");
  }

  @Test
  void badUsageExitsWithTwo() {
    Path data = TestEnvironment.requireSharedData();
    String h5md = data.resolve("mdanalysis/cobrotoxin.h5md").toString();
    CliRun noTopology = CliRun.of("analyze", "rg", h5md, "--weights", "mass", "-q");
    assertEquals(2, noTopology.exitCode(), noTopology.err());
    assertTrue(noTopology.err().contains("--topology"), noTopology.err());
    CliRun unknown = CliRun.of("analyze", "nosuch", h5md, "-q");
    assertEquals(2, unknown.exitCode(), unknown.err());
    CliRun needsTopology = CliRun.of("analyze", "rmsd", h5md, "--select", "name CA", "-q");
    assertEquals(2, needsTopology.exitCode(), needsTopology.err());
    assertTrue(needsTopology.err().contains("topology"), needsTopology.err());
    CliRun badRange = CliRun.of("analyze", "rdf", h5md, "--range", "0-15", "-q");
    assertEquals(2, badRange.exitCode(), badRange.err());
  }

  @Test
  void demoWritesAnalysesAndSummary(@TempDir Path tmp) throws IOException {
    CliRun run = CliRun.of("demo", "--dir", tmp.toString(), "--atoms", "400", "--frames", "120", "--chunk-frames", "20",
        "--latency-ms", "5", "--threads", "2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("frames/s"), run.out());
    assertTrue(run.out().contains("simulated cloud link"), run.out());
    for (String f : List.of("rmsd.json", "rmsd.png", "rg.json", "rg.png")) {
      assertTrue(Files.size(tmp.resolve(f)) > 100, f);
    }
    JsonNode rmsd = JSON.readTree(tmp.resolve("rmsd.json").toFile());
    assertEquals(120, rmsd.get("frames").size());
    assertEquals(0.0, rmsd.get("values").get(0).asDouble(), 1e-5);
    assertTrue(run.err().contains("rg"), "progress bars on stderr");
  }

  @Test
  void remoteUrlsGetMoreReadsInFlightByDefault() {
    assertTrue(AnalyzeCommand.anyRemote(List.of("run.h5md", "s3://b/run.h5md")));
    assertTrue(AnalyzeCommand.anyRemote(List.of("zip:https://h/x.zarrmd.zip")));
    assertFalse(AnalyzeCommand.anyRemote(List.of("run.h5md", "file:///d/run.h5md")));
    assertFalse(AnalyzeCommand.anyRemote(List.of("zip:file:///d/x.zarrmd.zip")));
  }
}
