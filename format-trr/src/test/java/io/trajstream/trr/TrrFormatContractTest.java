package io.trajstream.trr;

import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.AbstractFormatContractTest;
import io.trajstream.testkit.MdAnalysisTrajectories;
import java.io.IOException;

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
    MdAnalysisTrajectories.writeTo(store, key, "TRR", syn.block(0, syn.frames()), "{}");
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    return java.util.List.of(MdAnalysisTrajectories.writtenGolden("TRR", "{}"));
  }
}
