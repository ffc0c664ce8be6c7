package io.trajstream.analysis.engine;

/**
 * A snapshot of a run's progress: frames and blocks done out of the total, bytes read, and the time
 * since the run started.
 *
 * @param framesDone frames whose results are folded into the running total
 * @param framesTotal frames the run analyses
 * @param blocksDone blocks folded
 * @param blocksTotal blocks planned
 * @param bytesRead bytes read from the store when the run was given a byte counter, else bytes of
 *     decoded frame data delivered by the reader
 * @param elapsedNanos time since the run started
 */
public record Progress(long framesDone, long framesTotal, int blocksDone, int blocksTotal, long bytesRead,
    long elapsedNanos) {
  /** Frames analysed per second so far. */
  public double framesPerSecond() {
    return elapsedNanos <= 0 ? 0 : framesDone * 1e9 / elapsedNanos;
  }

  /** Bytes read per second so far. */
  public double bytesPerSecond() {
    return elapsedNanos <= 0 ? 0 : bytesRead * 1e9 / elapsedNanos;
  }

  /** Whether every frame is done. */
  public boolean isComplete() {
    return framesDone >= framesTotal;
  }
}
