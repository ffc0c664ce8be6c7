package io.trajstream.analysis.builtin;

import static io.trajstream.analysis.Compare.assertClose;
import static io.trajstream.analysis.Compare.flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.ArrayTrajectory;
import io.trajstream.analysis.MdaReference;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.select.Selection;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in analysis agrees with Debian's MDAnalysis 2.x on the same coordinates: a synthetic
 * trajectory in a cubic box and random atoms in a triclinic box, run through the parallel engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MdAnalysisAgreementTest {
  private static final int ATOMS = 60;
  private static final int FRAMES = 40;

  private SyntheticTrajectory synthetic;
  private double[] masses;
  private Map<String, double[]> ref;
  private Map<String, double[]> triclinicRef;
  private ArrayTrajectory triclinic;

  @BeforeAll
  void computeReferences(@TempDir Path tmp) throws IOException {
    synthetic = SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES).seed(3).build();
    masses = new double[ATOMS];
    for (int i = 0; i < ATOMS; i++) {
      masses[i] = new double[] {12.011, 1.008, 14.007, 15.999, 32.06}[i % 5];
    }
    Path sys = MdaReference.writeSystem(tmp.resolve("synthetic"), synthetic.reader(8), masses);
    ref = new MdaReference()
        .task("rmsd_ref0", "rmsd", "{\"select\":\"index 0:29\",\"ref\":0}")
        .task("rmsd_ref7_mass", "rmsd", "{\"select\":\"index 0:29\",\"ref\":7,\"weights\":\"mass\"}")
        .task("rmsd_all_mass", "rmsd", "{\"select\":\"all\",\"ref\":2,\"weights\":\"mass\"}")
        .task("rmsd_nosup", "rmsd", "{\"select\":\"index 0:14\",\"ref\":4,\"superposition\":false}")
        .task("rmsf", "rmsf", "{\"select\":\"index 0:29 40:59\"}")
        .task("rg_none", "rg", "{\"select\":\"index 0:29\",\"weights\":\"none\"}")
        .task("rg_mass", "rg", "{\"select\":\"index 0:29\",\"weights\":\"mass\"}")
        .task("com_mass", "com", "{\"select\":\"index 0:29\",\"weights\":\"mass\"}")
        .task("com_geom", "com", "{\"select\":\"all\",\"weights\":\"none\"}")
        .task("msd_xyz", "msd", "{\"select\":\"index 0:14\",\"msd_type\":\"xyz\"}")
        .task("msd_xy", "msd", "{\"select\":\"index 0:14\",\"msd_type\":\"xy\"}")
        .task("rdf", "rdf", "{\"g1\":\"index 0:14\",\"g2\":\"index 15:59\",\"nbins\":30,\"range\":[0,12]}")
        .task("rdf_self", "rdf", "{\"g1\":\"index 15:59\",\"g2\":\"index 15:59\",\"nbins\":20,\"range\":[0.5,10]}")
        .run(sys, tmp);

    triclinic = triclinicTrajectory();
    Path tsys = MdaReference.writeSystem(tmp.resolve("triclinic"), triclinic, null);
    Path work = tmp.resolve("work-triclinic");
    java.nio.file.Files.createDirectories(work);
    triclinicRef = new MdaReference()
        .task("rdf", "rdf", "{\"g1\":\"index 0:39\",\"g2\":\"index 40:199\",\"nbins\":25,\"range\":[0,11]}")
        .run(tsys, work);
  }

  /** Random atoms in a strongly skewed triclinic box, 6 frames. */
  private static ArrayTrajectory triclinicTrajectory() {
    int atoms = 200;
    int frames = 6;
    float[] box = {24f, 27f, 22f, 65f, 78f, 58f};
    double[] m = io.trajstream.format.BoxGeometry.toVectors(box, 0);
    SplittableRandom rnd = new SplittableRandom(11);
    float[] pos = new float[frames * atoms * 3];
    float[] boxes = new float[frames * 6];
    for (int f = 0; f < frames; f++) {
      System.arraycopy(box, 0, boxes, f * 6, 6);
      for (int a = 0; a < atoms; a++) {
        // fractional coordinates slightly outside [0,1) too, to exercise the wrapping
        double u = rnd.nextDouble(-0.2, 1.2), v = rnd.nextDouble(-0.2, 1.2), w = rnd.nextDouble(-0.2, 1.2);
        int k = (f * atoms + a) * 3;
        pos[k] = (float) (u * m[0] + v * m[3] + w * m[6]);
        pos[k + 1] = (float) (v * m[4] + w * m[7]);
        pos[k + 2] = (float) (w * m[8]);
      }
    }
    return new ArrayTrajectory(atoms, frames, pos, boxes, 2, "Angstrom");
  }

  private AnalysisResult run(TrajectoryReader reader, Analysis<?, ?> a, String select, int threads) throws IOException {
    RunOptions o = RunOptions.builder()
        .atoms(Selection.parse(select).toAtomSelection(reader.info().atoms(), null))
        .masses(masses).threads(threads).ioThreads(2).build();
    return (AnalysisResult) AnalysisEngine.run(reader, a, o);
  }

  private AnalysisResult run(Analysis<?, ?> a, String select) throws IOException {
    return run(synthetic.reader(8), a, select, 2);
  }

  private static AnalysisParams p(String... kv) {
    AnalysisParams p = AnalysisParams.empty();
    for (int i = 0; i < kv.length; i += 2) {
      p = p.with(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void rmsdMatchesMdAnalysis() throws IOException {
    Rmsd.Factory f = new Rmsd.Factory();
    assertClose(ref.get("rmsd_ref0"), run(f.create(p()), "index 0:29").values(), 1e-6, 2e-6, "rmsd ref 0");
    assertClose(ref.get("rmsd_ref7_mass"), run(f.create(p("ref", "7", "weights", "mass")), "index 0:29").values(),
        1e-6, 2e-6, "rmsd ref 7 mass");
    assertClose(ref.get("rmsd_all_mass"), run(f.create(p("ref", "2", "weights", "mass")), "all").values(),
        1e-6, 2e-6, "rmsd all atoms mass");
    assertClose(ref.get("rmsd_nosup"), run(f.create(p("ref", "4", "superposition", "false")), "index 0:14").values(),
        1e-6, 1e-7, "rmsd without superposition");
  }

  @Test
  void rmsfMatchesMdAnalysis() throws IOException {
    assertClose(ref.get("rmsf"), run(new Rmsf(), "index 0:29 40:59").values(), 1e-6, 1e-9, "rmsf");
  }

  @Test
  void radiusOfGyrationMatchesMdAnalysis() throws IOException {
    RadiusOfGyration.Factory f = new RadiusOfGyration.Factory();
    assertClose(ref.get("rg_none"), run(f.create(p("weights", "none")), "index 0:29").values(), 1e-9, 0, "rg");
    assertClose(ref.get("rg_mass"), run(f.create(p("weights", "mass")), "index 0:29").values(), 1e-9, 0, "rg mass");
  }

  @Test
  void centreOfMassAndGeometryMatchMdAnalysis() throws IOException {
    CenterOfMass.Factory f = new CenterOfMass.Factory();
    assertClose(ref.get("com_mass"), flatten(run(f.create(p("weights", "mass")), "index 0:29")), 1e-9, 1e-9, "com");
    assertClose(ref.get("com_geom"), flatten(run(f.create(p("weights", "none")), "all")), 1e-9, 1e-9, "cog");
  }

  @Test
  void msdMatchesMdAnalysisWithFftAndWindow() throws IOException {
    Msd.Factory f = new Msd.Factory();
    assertClose(ref.get("msd_xyz"), run(f.create(p()), "index 0:14").values(), 1e-7, 1e-9, "msd fft");
    assertClose(ref.get("msd_xyz"), run(f.create(p("fft", "false")), "index 0:14").values(), 1e-9, 1e-12, "msd window");
    assertClose(ref.get("msd_xy"), run(f.create(p("msd_type", "xy")), "index 0:14").values(), 1e-7, 1e-9, "msd xy");
  }

  @Test
  void rdfMatchesInterRdfInACubicBox() throws IOException {
    AnalysisResult r = run(new Rdf.Factory().create(p("nbins", "30", "range", "0:12", "g1", "index 0:14",
        "g2", "index 15:59")), "all");
    assertClose(ref.get("rdf.bins"), r.axis(), 1e-12, 1e-12, "rdf bins");
    assertClose(ref.get("rdf.rdf"), r.values(), 1e-9, 1e-12, "rdf");
    AnalysisResult self = run(new Rdf.Factory().create(p("nbins", "20", "range", "0.5:10", "g1", "index 15:59",
        "g2", "index 15:59")), "index 15:59");
    assertClose(ref.get("rdf_self.rdf"), self.values(), 1e-9, 1e-12, "rdf of a group with itself");
  }

  @Test
  void rdfMatchesInterRdfInATriclinicBox() throws IOException {
    Rdf rdf = new Rdf.Factory().create(p("nbins", "25", "range", "0:11", "g1", "index 0:39", "g2", "index 40:199"));
    RunOptions o = RunOptions.builder().threads(2).ioThreads(1).build();
    AnalysisResult r = (AnalysisResult) AnalysisEngine.run(triclinic, rdf, o);
    RdfCounts counts = serialCounts(rdf);
    long[] ours = counts.counts();
    double[] theirs = triclinicRef.get("rdf.count");
    // MDAnalysis wraps coordinates into the box in single precision first (errors of ~4e-6 A), so a
    // distance within that of a bin edge may land in the neighbouring bin: allow one such pair.
    long moved = 0;
    for (int k = 0; k < ours.length; k++) {
      moved += Math.abs(ours[k] - (long) theirs[k]);
      assertTrue(Math.abs(ours[k] - (long) theirs[k]) <= 1, "bin " + k + ": " + ours[k] + " vs " + theirs[k]);
    }
    assertTrue(moved <= 2, "pairs in different bins: " + moved);
    assertEquals(java.util.Arrays.stream(theirs).sum(), java.util.Arrays.stream(ours).sum(), 1.0, "pairs within range");
    double[] rdfRef = triclinicRef.get("rdf.rdf");
    double[] rdfOurs = r.values();
    for (int k = 0; k < rdfRef.length; k++) {
      double perPair = theirs[k] == 0 ? 0 : rdfRef[k] / theirs[k];
      assertEquals(rdfRef[k], rdfOurs[k], Math.abs(perPair) * 1.000001 + 1e-12, "triclinic rdf bin " + k);
    }
  }

  private RdfCounts serialCounts(Rdf rdf) throws IOException {
    io.trajstream.analysis.engine.EngineContext ctx = new io.trajstream.analysis.engine.EngineContext(triclinic,
        io.trajstream.format.AtomSelection.all(), null, io.trajstream.analysis.engine.UnitMode.NATIVE, rdf.fields());
    return rdf.accumulate(rdf.newAccumulator(ctx), triclinic.read(io.trajstream.format.FrameRange.of(0, 6),
        io.trajstream.format.AtomSelection.all(), rdf.fields()), ctx);
  }
}
