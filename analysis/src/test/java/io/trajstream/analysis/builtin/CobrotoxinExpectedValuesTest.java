package io.trajstream.analysis.builtin;

import static io.trajstream.analysis.Compare.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RMSD, radius of gyration (unweighted and mass-weighted) and RMSF of cobrotoxin (H5MD in nm, read
 * through the h5md format plugin, analysed in MDAnalysis units) equal the MDAnalysis values in
 * EXPECTED.json within a relative error of 1e-4, and the selections select the same atoms.
 */
class CobrotoxinExpectedValuesTest {
  private static final double REL = 1e-4;
  // frame 0's RMSD to itself is rounding noise (~1e-7 A) in both programs: compare it absolutely
  private static final double ABS = 1e-5;

  @ParameterizedTest
  @ValueSource(strings = {"name CA", "backbone", "protein"})
  void matchesMdAnalysis(String select) throws IOException {
    Path data = TestEnvironment.requireSharedData();
    JsonNode expected = new ObjectMapper().readTree(data.resolve("EXPECTED.json").toFile())
        .path("cobrotoxin").path("analyses").path(select);
    Topology top = Topology.read(data.resolve("mdanalysis/cobrotoxin.pdb"));
    int[] indices = Selection.parse(select).indices(top);
    assertArrayEquals(ints(expected.path("indices")), indices, "selected atoms of '" + select + "'");

    TrajectoryFormat h5md = StreamSupport.stream(ServiceLoader.load(TrajectoryFormat.class).spliterator(), false)
        .filter(f -> f.name().equals("h5md")).findFirst().orElseThrow();
    try (FileStore store = new FileStore(data.resolve("mdanalysis"));
        TrajectoryReader reader = h5md.open(store, "cobrotoxin.h5md", ReadOptions.defaults())) {
      assertEquals(3, reader.info().frames());
      RunOptions options = RunOptions.builder().atoms(Selection.parse(select).toAtomSelection(reader.info().atoms(), top))
          .masses(top.masses()).units(UnitMode.MD).threads(2).ioThreads(2).build();
      AnalysisResult rmsd = run(reader, new Rmsd.Factory().create(AnalysisParams.empty().with("ref", "0")), options);
      assertEquals("Angstrom", rmsd.unit());
      assertClose(doubles(expected.path("rmsd_ref0")), rmsd.values(), REL, ABS, select + " rmsd");
      AnalysisResult rg = run(reader, new RadiusOfGyration(Weights.NONE), options);
      assertClose(doubles(expected.path("rg_unweighted")), rg.values(), REL, 0, select + " rg");
      AnalysisResult rgMass = run(reader, new RadiusOfGyration(Weights.MASS), options);
      assertClose(doubles(expected.path("rg_mass_weighted")), rgMass.values(), REL, 0, select + " rg mass");
      double[] rmsfExpected = doubles(expected.path("rmsf"));
      double[] rmsf = run(reader, new Rmsf(), options).values();
      assertClose(rmsfExpected, Arrays.copyOf(rmsf, rmsfExpected.length), REL, 0, select + " rmsf (first atoms)");
    }
  }

  private static AnalysisResult run(TrajectoryReader reader, Analysis<?, ?> a, RunOptions o) throws IOException {
    return (AnalysisResult) AnalysisEngine.run(reader, a, o);
  }

  private static double[] doubles(JsonNode n) {
    double[] d = new double[n.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = n.get(i).asDouble();
    }
    return d;
  }

  private static int[] ints(JsonNode n) {
    int[] d = new int[n.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = n.get(i).asInt();
    }
    return d;
  }
}
