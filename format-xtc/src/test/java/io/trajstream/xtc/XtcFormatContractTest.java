package io.trajstream.xtc;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.AbstractFormatContractTest;
import io.trajstream.testkit.MdAnalysisTrajectories;
import java.io.IOException;
import java.util.EnumSet;

/**
 * The testkit format contract. XTC holds positions and box only, so the synthetic trajectory has
 * just those; MDAnalysis writes it at precision 10^5 (errors of 5e-6, within the contract's
 * tolerance), with the synthetic values taken as nm.
 */
class XtcFormatContractTest extends AbstractFormatContractTest {
  @Override
  protected TrajectoryFormat format() {
    return new XtcFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  @Override
  protected SyntheticTrajectory synthetic() {
    return SyntheticTrajectory.builder().atoms(57).frames(23).seed(7).timeStep(0.5)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
  }

  @Override
  protected void writeSynthetic(Store store, String key, SyntheticTrajectory syn) throws IOException {
    MdAnalysisTrajectories.writeTo(store, key, "XTC", syn.block(0, syn.frames()), "{\"precision\": 5}");
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    return java.util.List.of(MdAnalysisTrajectories.writtenGolden("XTC", "{\"precision\": 3}"));
  }
}
