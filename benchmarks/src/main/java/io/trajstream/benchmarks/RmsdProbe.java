package io.trajstream.benchmarks;

import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.builtin.Rmsd;
import io.trajstream.analysis.builtin.Weights;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;

/**
 * RMSD of all atoms to frame 0 (centred, optimally superimposed, as MDAnalysis's {@code rms.RMSD})
 * over a whole trajectory, through the analysis engine with {@code threads} compute threads and as
 * many I/O threads.
 */
public final class RmsdProbe {
  private static final Rmsd RMSD = new Rmsd(0, Weights.NONE, true, true);

  private RmsdProbe() {}

  /** Runs the analysis; returns its result. */
  public static AnalysisResult run(TrajectoryReader reader, int threads) throws IOException {
    RunOptions o = RunOptions.builder().threads(threads).ioThreads(threads).build();
    return AnalysisEngine.run(reader, RMSD, o);
  }
}
