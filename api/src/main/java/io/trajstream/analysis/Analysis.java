package io.trajstream.analysis;

import io.trajstream.ExtensionPoint;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import java.io.Serializable;
import java.util.Set;

/**
 * A split-apply-combine analysis. The engine gives each block of frames to {@link #accumulate} on
 * an accumulator of its own, then folds accumulators with {@link #combine} in frame order, and
 * calls {@link #finish} once. An analysis holds only its parameters and is {@link Serializable};
 * so are its accumulators and results, so the same analysis can run on other machines.
 *
 * @param <A> the accumulator: partial state for a run of frames
 * @param <R> the result
 */
@ExtensionPoint
public interface Analysis<A extends Serializable, R extends Serializable> extends Serializable {
  /** Short name, e.g. {@code rmsd}. */
  String name();

  /** The fields each block must hold. */
  Set<Field> fields();

  /** A fresh accumulator for an empty run of frames. */
  A newAccumulator(AnalysisContext ctx);

  /** Adds a block of consecutive frames to {@code acc} (may return a new accumulator). */
  A accumulate(A acc, FrameBlock block, AnalysisContext ctx);

  /** Joins two accumulators, {@code earlier} covering the frames before {@code later}; associative. */
  A combine(A earlier, A later);

  /** The result of a whole run. */
  R finish(A acc, AnalysisContext ctx);
}
