package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Describes one H5MD observable (below {@code /observables}): its path relative to that group (e.g.
 * {@code lambda}, {@code trajectory/obsv1}), the shape of one sample, its unit, whether it is
 * time-dependent (samples with their own steps and times, which need not match the trajectory's
 * frames) or time-independent (one value for the whole trajectory), how many samples it has and
 * whether it is stored as integers.
 */
public final class ObservableInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int[] shape;
  private final String unit;
  private final boolean timeDependent;
  private final int samples;
  private final boolean integral;
  private final String timeUnit;

  /**
   * @param path path below {@code observables}, {@code /}-separated
   * @param shape shape of one sample (empty for a scalar per step)
   * @param unit unit of the values as stored, or null
   * @param timeDependent whether the observable has a step per sample
   * @param samples number of samples (1 when time-independent)
   * @param integral whether the values are stored as integers
   * @param timeUnit unit of the samples' times, or null
   */
  public ObservableInfo(String path, int[] shape, String unit, boolean timeDependent, int samples, boolean integral,
      String timeUnit) {
    this.path = Objects.requireNonNull(path, "path");
    this.shape = shape.clone();
    this.unit = unit;
    this.timeDependent = timeDependent;
    this.samples = samples;
    this.integral = integral;
    this.timeUnit = timeUnit;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("observable " + path + ": negative dimension in " + Arrays.toString(shape));
      }
    }
    if (samples < 0 || (!timeDependent && samples != 1)) {
      throw new IllegalArgumentException("observable " + path + ": " + samples + " samples"
          + (timeDependent ? "" : " (a time-independent observable has exactly one)"));
    }
  }

  /** Path below {@code observables}, e.g. {@code trajectory/obsv1}. */
  public String path() {
    return path;
  }

  /** Shape of one sample (empty for a scalar). */
  public int[] shape() {
    return shape.clone();
  }

  /** Number of values in one sample (the product of {@link #shape()}). */
  public int valuesPerSample() {
    int n = 1;
    for (int s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** Unit string of the values as stored, or null. */
  public String unit() {
    return unit;
  }

  /** Whether samples carry their own steps (else one value holds for every frame). */
  public boolean timeDependent() {
    return timeDependent;
  }

  /** Number of samples stored (1 when time-independent). */
  public int samples() {
    return samples;
  }

  /** Whether the values are stored as integers (they are still handed out as doubles). */
  public boolean integral() {
    return integral;
  }

  /** Unit of the samples' times, or null. */
  public String timeUnit() {
    return timeUnit;
  }

  /** The same description with another sample count (e.g. for a writer that appends). */
  public ObservableInfo withSamples(int n) {
    return new ObservableInfo(path, shape, unit, timeDependent, n, integral, timeUnit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObservableInfo x && path.equals(x.path) && Arrays.equals(shape, x.shape)
        && Objects.equals(unit, x.unit) && timeDependent == x.timeDependent && samples == x.samples
        && integral == x.integral && Objects.equals(timeUnit, x.timeUnit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(shape), unit, timeDependent, samples, integral, timeUnit);
  }

  @Override
  public String toString() {
    return "observable " + path + " " + Arrays.toString(shape) + (unit == null ? "" : " " + unit)
        + (timeDependent ? ", " + samples + " samples" : ", time-independent") + (integral ? ", integer" : "");
  }
}
