package io.trajstream.analysis;

import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryInfo;
import java.io.IOException;
import java.util.Optional;

/** What an analysis may know about the run: the trajectory, the selected atoms, their masses. */
public interface AnalysisContext {
  /** The trajectory being analysed. */
  TrajectoryInfo info();

  /** Indices of the selected atoms, as the blocks hold them. */
  int[] atoms();

  /** Masses of the selected atoms, when a topology gave them. */
  Optional<double[]> masses();

  /** Unit of the lengths in the blocks (after any conversion the run applies). */
  String lengthUnit();

  /** Unit of the times in the blocks. */
  String timeUnit();

  /** One frame of the selected atoms, in the run's units (e.g. an RMSD reference). */
  FrameBlock frame(int frame) throws IOException;
}
