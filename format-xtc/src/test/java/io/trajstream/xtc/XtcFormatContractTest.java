package io.trajstream.xtc;

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
    Path dir = Files.createTempDirectory("xtc-contract");
    Path file = dir.resolve("synthetic.xtc");
    try {
      MdAnalysisTrajectories.write(file, "XTC", syn.block(0, syn.frames()), "{\"precision\": 5}");
      store.write(key, Files.readAllBytes(file));
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  /** A file MDAnalysis writes, as MDAnalysis reads it back. */
  @Override
  protected java.util.List<GoldenFile> goldenFiles() throws IOException {
    Path dir = Files.createTempDirectory("xtc-golden");
    dir.toFile().deleteOnExit();
    Path file = dir.resolve("mda.xtc");
    file.toFile().deleteOnExit();
    SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(31).frames(5).seed(11)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    MdAnalysisTrajectories.write(file, "XTC", syn.block(0, syn.frames()), "{\"precision\": 3}");
    return java.util.List.of(MdAnalysisTrajectories.golden("MDAnalysis XTC", file, "XTC"));
  }
}
