package org.example.xyz;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.MemoryStoreFactory;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.AbstractFormatContractTest;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.EnumSet;
import java.util.UUID;

/** The format contract every TrajStream format passes, run on a memory store. */
class XyzFormatContractTest extends AbstractFormatContractTest {
  @Override
  protected TrajectoryFormat format() {
    return new XyzFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStoreFactory().create(URI.create("mem://xyz-" + UUID.randomUUID() + "/"), StoreConfig.empty());
  }

  /** A file written by MDAnalysis's XYZ writer, and its positions as MDAnalysis reads them back. */
  @Override
  protected List<GoldenFile> goldenFiles() throws IOException {
    TestEnvironment.requirePython("MDAnalysis", "numpy");
    Path dir = Files.createTempDirectory("xyz-golden");
    String lines = TestEnvironment.python("""
        import sys, warnings
        warnings.simplefilter("ignore")
        import MDAnalysis as mda, numpy as np
        out = sys.argv[1] + "/mda.xyz"
        u = mda.Universe.empty(7, trajectory=True, atom_resindex=[0] * 7)
        u.add_TopologyAttr("name", ["C"] * 7)
        rng = np.random.default_rng(5)
        with mda.Writer(out, n_atoms=7) as w:
            for _ in range(4):
                u.atoms.positions = rng.random((7, 3)) * 20
                w.write(u.atoms)
        r = mda.Universe(out)
        for ts in r.trajectory:
            for atom in (0, 6):
                print(ts.frame, atom, *r.atoms.positions[atom])
        """, dir.toString());
    Map<Integer, Map<Integer, float[]>> positions = new TreeMap<>();
    for (String line : lines.strip().split("\n")) {
      String[] c = line.strip().split("\\s+"); // frame atom x y z
      positions.computeIfAbsent(Integer.parseInt(c[0]), f -> new TreeMap<>()).put(Integer.parseInt(c[1]),
          new float[] {Float.parseFloat(c[2]), Float.parseFloat(c[3]), Float.parseFloat(c[4])});
    }
    Store store = new FileStore(dir);
    return List.of(new GoldenFile("MDAnalysis XYZ", store, "mda.xyz", 7, 4, positions));
  }

  /** XYZ holds positions only. */
  @Override
  protected SyntheticTrajectory synthetic() {
    return SyntheticTrajectory.builder().atoms(57).frames(23).seed(7).timeStep(0.5).fields(EnumSet.of(Field.POSITION)).build();
  }
}
