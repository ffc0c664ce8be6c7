package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The time of each frame: at a fixed interval from a first time ({@link #fixed}, computed on demand
 * whatever the trajectory's length) or stored per frame ({@link #of}; NaN where a frame has none).
 * Immutable and serializable.
 */
public sealed interface TimeSeries extends Serializable permits TimeSeries.Fixed, TimeSeries.Explicit {

  /** {@code count} times {@code first, first + interval, …}. */
  static TimeSeries fixed(double first, double interval, int count) {
    return new Fixed(first, interval, count);
  }

  /** The given times (copied). */
  static TimeSeries of(double... times) {
    return new Explicit(times.clone());
  }

  /** Number of frames. */
  int size();

  /** The time of frame {@code frame}. */
  double time(int frame);

  /** The times of frames {@code [from, to)} as a new array. */
  default double[] toArray(int from, int to) {
    if (from < 0 || to < from || to > size()) {
      throw new IndexOutOfBoundsException("frames [" + from + ", " + to + ") of " + size());
    }
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = time(i);
    }
    return out;
  }

  /** Times at a fixed interval from a first time. */
  record Fixed(double first, double interval, int count) implements TimeSeries {
    private static final long serialVersionUID = 1L;

    public Fixed {
      if (count < 0) {
        throw new IllegalArgumentException("negative frame count " + count);
      }
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public double time(int frame) {
      if (frame < 0 || frame >= count) {
        throw new IndexOutOfBoundsException("frame " + frame + " of " + count);
      }
      return first + frame * interval;
    }
  }

  /** Times stored per frame. */
  final class Explicit implements TimeSeries {
    private static final long serialVersionUID = 1L;
    private final double[] times;

    private Explicit(double[] times) {
      this.times = times;
    }

    @Override
    public int size() {
      return times.length;
    }

    @Override
    public double time(int frame) {
      return times[frame];
    }

    @Override
    public double[] toArray(int from, int to) {
      return Arrays.copyOfRange(times, from, to);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Explicit e && Arrays.equals(times, e.times);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(times);
    }

    @Override
    public String toString() {
      return "TimeSeries" + (times.length <= 8 ? Arrays.toString(times) : "[" + times.length + " times]");
    }
  }
}
