package io.trajstream.dcd;

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
 * The testkit format contract on the synthetic trajectory (positions and box, in Angstrom) written
 * by MDAnalysis's DCD writer with NSAVC 10 (the synthetic steps) and DELTA one AKMA unit, so that
 * the header describes the synthetic times exactly.
 */
class DcdFormatContractTest extends AbstractFormatContractTest {
  private static final long STEPS_PER_FRAME = 10;

  @Override
  protected TrajectoryFormat format() {
    return new DcdFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  @Override
  protected SyntheticTrajectory synthetic() {
    return SyntheticTrajectory.builder().atoms(57).frames(23).seed(7).stepsPerFrame(STEPS_PER_FRAME)
        .timeStep(1.0 * DcdReader.AKMA_PS * STEPS_PER_FRAME).fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
  }

  @Override
  protected void writeSynthetic(Store store, String key, SyntheticTrajectory syn) throws IOException {
    double dt = syn.info().time(1) - syn.info().time(0);
    MdAnalysisTrajectories.writeTo(store, key, "DCD", syn.block(0, syn.frames()),
        "{\"nsavc\": " + STEPS_PER_FRAME + ", \"istart\": 0, \"dt\": " + dt + "}");
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    return java.util.List.of(MdAnalysisTrajectories.writtenGolden("DCD", "{}"));
  }
}
