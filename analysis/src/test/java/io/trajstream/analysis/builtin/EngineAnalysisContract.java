package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.testkit.AbstractAnalysisContractTest;
import java.io.IOException;

/** The testkit's analysis contract with this module's {@link AnalysisEngine} as the parallel runner. */
abstract class EngineAnalysisContract extends AbstractAnalysisContractTest {
  @Override
  protected Object runParallel(TrajectoryReader reader, Analysis<?, ?> analysis, AtomSelection atoms, double[] masses,
      int threads, int chunksPerBlock) throws IOException {
    RunOptions options = RunOptions.builder().atoms(atoms).masses(masses).threads(threads).ioThreads(2)
        .chunksPerBlock(chunksPerBlock).build();
    return AnalysisEngine.run(reader, analysis, options);
  }
}
