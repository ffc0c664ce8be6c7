package io.trajstream.analysis.spark;

import io.trajstream.format.FrameRange;
import java.io.Serializable;

/**
 * One partition's work: split {@code split} of trajectory {@code trajectory} (at {@code url}), its
 * frames and the sizes of the engine's blocks inside it.
 */
record SplitTask(int trajectory, String url, int split, FrameRange frames, int[] blockSizes) implements Serializable {
  private static final long serialVersionUID = 1L;
}
