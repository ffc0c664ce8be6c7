package io.trajstream.format;

import io.trajstream.ExtensionPoint;
import java.io.Closeable;
import java.io.IOException;

/**
 * Writes a trajectory frame block by frame block. {@link #close()} commits: metadata is written
 * last, so a reader never sees a half-written trajectory.
 */
@ExtensionPoint
public interface TrajectoryWriter extends Closeable {
  /** Appends the frames of {@code block} after those written so far. */
  void append(FrameBlock block) throws IOException;

  /**
   * Appends samples of one observable after those of the same path written so far; the first call
   * for a path defines it (shape, unit, integer or not, time-dependent or not). A time-dependent
   * observable keeps its own steps and times, which need not be frames of the trajectory: that is
   * why observables are not carried in {@link FrameBlock} (a frame-aligned copy would lose samples
   * between or beyond the frames). A time-independent observable is given once, as one sample. Like
   * frames, observables become visible on {@link #close()} and are dropped by {@link #abort()}.
   *
   * @throws UnsupportedOperationException when the format cannot write observables (the default)
   */
  default void appendObservable(ObservableSeries samples) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write observables");
  }

  /** Frames written so far (including those of an appended-to trajectory). */
  int framesWritten();

  /** Writes the remaining data and the metadata that makes the trajectory visible. */
  @Override
  void close() throws IOException;

  /**
   * Gives up after a failure: the metadata that would make the new frames visible is not written,
   * so readers keep seeing what was there before (nothing, or the frames before an append). The
   * writer is closed afterwards; {@link #close()} then does nothing.
   */
  void abort() throws IOException;
}
