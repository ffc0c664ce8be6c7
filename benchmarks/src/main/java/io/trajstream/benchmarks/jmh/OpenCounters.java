package io.trajstream.benchmarks.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Opens and the store requests they made, summed per iteration (the report divides them). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class OpenCounters {
  public long opens;
  public long openRequests;

  @Setup(Level.Iteration)
  public void reset() {
    opens = 0;
    openRequests = 0;
  }
}
