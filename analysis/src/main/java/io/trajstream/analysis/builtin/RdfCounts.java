package io.trajstream.analysis.builtin;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Accumulator of an RDF: pair counts per bin (exact integers) and the box volume of each frame in
 * frame order (summed only at the end, so the sum does not depend on how frames were split).
 */
public final class RdfCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] counts;
  private double[] volumes = new double[0];
  private int frames;

  public RdfCounts(int bins) {
    this.counts = new long[bins];
  }

  void count(int bin) {
    counts[bin]++;
  }

  void frame(double volume) {
    if (frames == volumes.length) {
      volumes = Arrays.copyOf(volumes, Math.max(16, frames * 2));
    }
    volumes[frames++] = volume;
  }

  /** Adds {@code later}'s counts and frames; returns this. */
  public RdfCounts merge(RdfCounts later) {
    if (later.counts.length != counts.length) {
      throw new IllegalArgumentException("cannot merge RDFs of " + counts.length + " and " + later.counts.length + " bins");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += later.counts[i];
    }
    for (int i = 0; i < later.frames; i++) {
      frame(later.volumes[i]);
    }
    return this;
  }

  public long[] counts() {
    return counts.clone();
  }

  public int frames() {
    return frames;
  }

  /** Sum of the frames' box volumes, in frame order. */
  public double volumeSum() {
    double s = 0;
    for (int i = 0; i < frames; i++) {
      s += volumes[i];
    }
    return s;
  }
}
