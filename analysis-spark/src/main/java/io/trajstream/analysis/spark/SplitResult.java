package io.trajstream.analysis.spark;

import java.io.Serializable;

/**
 * What a task sends back to the driver: its split's accumulator and where its time went (opening
 * the reader, reading and decoding the split's chunks, accumulating).
 */
record SplitResult(int trajectory, int split, Serializable accumulator, int frames, long openNanos, long readNanos,
    long computeNanos) implements Serializable {
  private static final long serialVersionUID = 1L;
}
