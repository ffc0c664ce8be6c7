package io.trajstream.dcd;

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
    Path dir = Files.createTempDirectory("dcd-contract");
    Path file = dir.resolve("synthetic.dcd");
    try {
      double dt = syn.info().time(1) - syn.info().time(0);
      MdAnalysisTrajectories.write(file, "DCD", syn.block(0, syn.frames()),
          "{\"nsavc\": " + STEPS_PER_FRAME + ", \"istart\": 0, \"dt\": " + dt + "}");
      store.write(key, Files.readAllBytes(file));
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    Path dir = Files.createTempDirectory("dcd-golden");
    dir.toFile().deleteOnExit();
    Path file = dir.resolve("mda.dcd");
    file.toFile().deleteOnExit();
    SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(31).frames(5).seed(11)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    MdAnalysisTrajectories.write(file, "DCD", syn.block(0, syn.frames()), "{}");
    return java.util.List.of(MdAnalysisTrajectories.golden("MDAnalysis DCD", file, "DCD"));
  }
}
