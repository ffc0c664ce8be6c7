package io.trajstream.benchmarks.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frames and decoded megabytes (10^6 bytes of float32 positions) delivered, which JMH reports per
 * second (throughput mode): frames/s and MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DataRates {
  /** Frames delivered. */
  public long frames;
  /** Decoded position bytes delivered. */
  public long bytes;

  /** Megabytes (10^6 bytes) delivered; per second in the results. */
  public double megabytes() {
    return bytes / 1e6;
  }

  @Setup(Level.Iteration)
  public void reset() {
    frames = 0;
    bytes = 0;
  }
}
