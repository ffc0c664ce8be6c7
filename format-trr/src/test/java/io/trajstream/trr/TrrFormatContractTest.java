package io.trajstream.trr;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.AbstractFormatContractTest;
import io.trajstream.testkit.MdAnalysisTrajectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The testkit format contract, on the synthetic trajectory (positions, velocities, forces, box)
 * written by MDAnalysis's TRR writer in single precision, its values taken as GROMACS units.
 */
class TrrFormatContractTest extends AbstractFormatContractTest {
  @Override
  protected TrajectoryFormat format() {
    return new TrrFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  @Override
  protected void writeSynthetic(Store store, String key, SyntheticTrajectory syn) throws IOException {
    Path dir = Files.createTempDirectory("trr-contract");
    Path file = dir.resolve("synthetic.trr");
    try {
      MdAnalysisTrajectories.write(file, "TRR", syn.block(0, syn.frames()), "{}");
      store.write(key, Files.readAllBytes(file));
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    Path dir = Files.createTempDirectory("trr-golden");
    dir.toFile().deleteOnExit();
    Path file = dir.resolve("mda.trr");
    file.toFile().deleteOnExit();
    SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(31).frames(5).seed(11)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    MdAnalysisTrajectories.write(file, "TRR", syn.block(0, syn.frames()), "{}");
    return java.util.List.of(MdAnalysisTrajectories.golden("MDAnalysis TRR", file, "TRR"));
  }
}
