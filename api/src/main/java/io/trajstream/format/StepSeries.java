package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The MD step of each frame, in frame order (increasing, in every format we read). A trajectory sampled at a fixed
 * interval is described by {@link #fixed} and costs the same whatever its length; one with steps
 * stored per frame by {@link #of}. Immutable and serializable.
 */
public sealed interface StepSeries extends Serializable permits StepSeries.Fixed, StepSeries.Explicit {

  /** {@code count} steps {@code first, first + interval, …}; {@code interval} must be positive when {@code count > 1}. */
  static StepSeries fixed(long first, long interval, int count) {
    return new Fixed(first, interval, count);
  }

  /** The given steps (copied); {@link #indexOf} expects them to increase. */
  static StepSeries of(long... steps) {
    return new Explicit(steps.clone());
  }

  /** Number of frames. */
  int size();

  /** The step of frame {@code frame}. */
  long step(int frame);

  /** The frame whose step is {@code step}, or -1. */
  int indexOf(long step);

  /** The steps of frames {@code [from, to)} as a new array. */
  default long[] toArray(int from, int to) {
    checkSlice(from, to, size());
    long[] out = new long[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = step(i);
    }
    return out;
  }

  /** Every step as a new array; {@link #size()} entries, so only for series known to be small. */
  default long[] toArray() {
    return toArray(0, size());
  }

  private static void checkSlice(int from, int to, int size) {
    if (from < 0 || to < from || to > size) {
      throw new IndexOutOfBoundsException("frames [" + from + ", " + to + ") of " + size);
    }
  }

  /** Steps at a fixed interval from a first step. */
  record Fixed(long first, long interval, int count) implements StepSeries {
    private static final long serialVersionUID = 1L;

    public Fixed {
      if (count < 0) {
        throw new IllegalArgumentException("negative frame count " + count);
      }
      if (count > 1 && interval <= 0) {
        throw new IllegalArgumentException("step interval " + interval + " is not positive");
      }
      if (count > 1) {
        // the last step must be representable
        Math.addExact(first, Math.multiplyExact(interval, (long) (count - 1)));
      }
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public long step(int frame) {
      if (frame < 0 || frame >= count) {
        throw new IndexOutOfBoundsException("frame " + frame + " of " + count);
      }
      return first + frame * interval;
    }

    @Override
    public int indexOf(long step) {
      if (count == 0 || step < first) {
        return -1;
      }
      if (count == 1) {
        return step == first ? 0 : -1;
      }
      long d = step - first;
      if (d % interval != 0 || d / interval >= count) {
        return -1;
      }
      return (int) (d / interval);
    }
  }

  /** Steps stored per frame. */
  final class Explicit implements StepSeries {
    private static final long serialVersionUID = 1L;
    private final long[] steps;

    private Explicit(long[] steps) {
      this.steps = steps;
    }

    @Override
    public int size() {
      return steps.length;
    }

    @Override
    public long step(int frame) {
      return steps[frame];
    }

    @Override
    public int indexOf(long step) {
      int i = Arrays.binarySearch(steps, step);
      return i >= 0 ? i : -1;
    }

    @Override
    public long[] toArray(int from, int to) {
      return Arrays.copyOfRange(steps, from, to);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Explicit e && Arrays.equals(steps, e.steps);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
      return "StepSeries" + (steps.length <= 8 ? Arrays.toString(steps) : "[" + steps.length + " steps]");
    }
  }
}
