package io.trajstream.zarrmd;

import java.util.Arrays;

/**
 * The step and time of each sample of a time-dependent H5MD element. A fixed-step element (scalar
 * {@code step} with an {@code offset} attribute) has its steps computed, not stored, so an element
 * may declare billions of samples; explicit {@code step}/{@code time} arrays are held as read.
 * Immutable.
 */
final class SampleClock {
  private final int samples;
  /** Explicit steps, or null when regular. */
  private final long[] steps;
  private final long stepOffset;
  private final long stepInterval;
  private final boolean hasTime;
  /** Explicit times, or null when regular or absent. */
  private final double[] times;
  private final double timeOffset;
  private final double timeInterval;

  private SampleClock(int samples, long[] steps, long stepOffset, long stepInterval, boolean hasTime, double[] times,
      double timeOffset, double timeInterval) {
    this.samples = samples;
    this.steps = steps;
    this.stepOffset = stepOffset;
    this.stepInterval = stepInterval;
    this.hasTime = hasTime;
    this.times = times;
    this.timeOffset = timeOffset;
    this.timeInterval = timeInterval;
  }

  /**
   * Samples at {@code offset + i * interval}.
   *
   * @throws IllegalArgumentException when the interval is not positive (more than one sample) or
   *     the last step does not fit in a long
   */
  static SampleClock regular(int samples, long offset, long interval) {
    if (samples > 1) {
      if (interval <= 0) {
        throw new IllegalArgumentException("a fixed step of " + interval + " does not increase");
      }
      try {
        Math.addExact(offset, Math.multiplyExact(samples - 1L, interval));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(samples + " samples from step " + offset + " every " + interval
            + " run past the largest step");
      }
    }
    return new SampleClock(samples, null, offset, interval, false, null, 0, 0);
  }

  /**
   * Samples at the given steps.
   *
   * @throws IllegalArgumentException when the steps do not increase
   */
  static SampleClock explicit(long[] steps) {
    for (int i = 1; i < steps.length; i++) {
      if (steps[i] <= steps[i - 1]) {
        throw new IllegalArgumentException("steps must increase (" + steps[i - 1] + " then " + steps[i] + ")");
      }
    }
    return new SampleClock(steps.length, steps, 0, 0, false, null, 0, 0);
  }

  /** The same steps with times {@code offset + i * interval}. */
  SampleClock withRegularTimes(double offset, double interval) {
    return new SampleClock(samples, steps, stepOffset, stepInterval, true, null, offset, interval);
  }

  /** The same steps with one time per sample. */
  SampleClock withTimes(double[] t) {
    if (t.length != samples) {
      throw new IllegalArgumentException(t.length + " times for " + samples + " samples");
    }
    return new SampleClock(samples, steps, stepOffset, stepInterval, true, t, 0, 0);
  }

  int samples() {
    return samples;
  }

  long step(int i) {
    if (steps != null) {
      return steps[i];
    }
    java.util.Objects.checkIndex(i, samples);
    return stepOffset + i * stepInterval;
  }

  boolean hasTime() {
    return hasTime;
  }

  /** Time of sample {@code i}, NaN when the element has no time. */
  double time(int i) {
    if (!hasTime) {
      return Double.NaN;
    }
    if (times != null) {
      return times[i];
    }
    java.util.Objects.checkIndex(i, samples);
    return timeOffset + i * timeInterval;
  }

  boolean regularSteps() {
    return steps == null;
  }

  boolean regularTimes() {
    return hasTime && times == null;
  }

  long stepOffset() {
    return stepOffset;
  }

  long stepInterval() {
    return stepInterval;
  }

  double timeOffset() {
    return timeOffset;
  }

  double timeInterval() {
    return timeInterval;
  }

  /** The sample at {@code step}, or -1 when there is none. */
  int indexOf(long step) {
    if (steps != null) {
      int i = Arrays.binarySearch(steps, step);
      return i >= 0 ? i : -1;
    }
    if (samples == 0 || step < stepOffset) {
      return -1;
    }
    if (samples == 1) {
      return step == stepOffset ? 0 : -1;
    }
    long d = step - stepOffset;
    if (d < 0 || d % stepInterval != 0 || d / stepInterval >= samples) {
      return -1;
    }
    return (int) (d / stepInterval);
  }

  /** Steps of samples {@code [from, to)}. */
  long[] steps(int from, int to) {
    if (steps != null) {
      return Arrays.copyOfRange(steps, from, to);
    }
    long[] out = new long[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = step(i);
    }
    return out;
  }

  /** Times of samples {@code [from, to)}, or null when the element has no time. */
  double[] times(int from, int to) {
    if (!hasTime) {
      return null;
    }
    if (times != null) {
      return Arrays.copyOfRange(times, from, to);
    }
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = time(i);
    }
    return out;
  }
}
