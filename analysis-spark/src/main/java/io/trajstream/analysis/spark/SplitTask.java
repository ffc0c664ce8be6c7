package io.trajstream.analysis.spark;

import io.trajstream.format.FrameRange;
import java.io.Serializable;

/**
 * One partition's work: split {@code split} of trajectory {@code trajectory}, its frames (in the
 * trajectory's numbering) and the sizes of the engine's blocks inside it. For a chained trajectory
 * {@code part} is the part the split lies in (an index into its {@link ChainLayout#urls()}; a split
 * never spans two parts) and {@code url} that part's URL; for a trajectory of one URL {@code part}
 * is -1 and {@code url} the trajectory's.
 */
record SplitTask(int trajectory, String url, int part, int split, FrameRange frames, int[] blockSizes)
    implements Serializable {
  private static final long serialVersionUID = 2L;
}
