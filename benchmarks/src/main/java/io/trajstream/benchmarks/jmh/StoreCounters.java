package io.trajstream.benchmarks.jmh;

import io.trajstream.benchmarks.ReadMeasurement;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the store saw during a measurement iteration, from the runtime's {@code MeteredStore}, as
 * JMH secondary metrics. JMH sums event counters over iterations, so these are totals; the ratios
 * (requests per open = {@code openRequests / opens}, byte amplification = {@code fetchedBytes /
 * neededBytes}) are formed by the report step ({@code JmhReport}), which is exact for sums.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class StoreCounters {
  /** Trajectories opened. */
  public long opens;
  /** Store requests made while opening. */
  public long openRequests;
  /** Store requests made while reading all positions. */
  public long readRequests;
  /** Bytes fetched from the store (open and read). */
  public long fetchedBytes;
  /** Stored bytes of the position chunks, once per read: what a perfect reader fetches. */
  public long neededBytes;

  @Setup(Level.Iteration)
  public void reset() {
    opens = 0;
    openRequests = 0;
    readRequests = 0;
    fetchedBytes = 0;
    neededBytes = 0;
  }

  void add(ReadMeasurement m) {
    opens++;
    openRequests += m.openRequests();
    readRequests += m.readRequests();
    fetchedBytes += m.openBytes() + m.readBytes();
    neededBytes += m.neededBytes();
  }
}
