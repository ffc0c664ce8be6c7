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
