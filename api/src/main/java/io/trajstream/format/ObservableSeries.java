package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Consecutive samples of one observable in its own indexing (not the trajectory's frames): for
 * samples {@code [first, first+count)} their steps and times (time-dependent observables) and values
 * as doubles, sample-major, {@link ObservableInfo#valuesPerSample()} values each. A time-independent
 * observable has exactly one sample and no steps. Readers hand these out with {@link
 * TrajectoryReader#observableSamples}; writers take them with {@link
 * TrajectoryWriter#appendObservable}.
 */
public final class ObservableSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ObservableInfo info;
  private final int first;
  private final long[] steps;
  private final double[] times;
  private final double[] values;

  /**
   * @param info the observable
   * @param first index of the first sample held here
   * @param steps step of each sample (null when time-independent)
   * @param times time of each sample (null when there is none)
   * @param values the values, sample-major
   */
  public ObservableSeries(ObservableInfo info, int first, long[] steps, double[] times, double[] values) {
    this.info = Objects.requireNonNull(info, "info");
    this.first = first;
    this.steps = steps == null ? null : steps.clone();
    this.times = times == null ? null : times.clone();
    this.values = values.clone();
    int per = info.valuesPerSample();
    int n = per == 0 ? (steps == null ? 1 : steps.length) : values.length / per;
    if (per != 0 && values.length % per != 0) {
      throw new IllegalArgumentException(info.path() + ": " + values.length + " values are not whole samples of " + per);
    }
    if (info.timeDependent() != (steps != null)) {
      throw new IllegalArgumentException(info.path() + ": " + (info.timeDependent()
          ? "a time-dependent observable needs steps" : "a time-independent observable has no steps"));
    }
    if (steps != null && steps.length != n) {
      throw new IllegalArgumentException(info.path() + ": " + steps.length + " steps for " + n + " samples");
    }
    if (!info.timeDependent() && n != 1) {
      throw new IllegalArgumentException(info.path() + ": a time-independent observable has one sample, not " + n);
    }
    if (times != null && times.length != n) {
      throw new IllegalArgumentException(info.path() + ": " + times.length + " times for " + n + " samples");
    }
    for (int i = 1; steps != null && i < steps.length; i++) {
      if (steps[i] <= steps[i - 1]) {
        throw new IllegalArgumentException(info.path() + ": steps must increase (" + steps[i - 1] + " then " + steps[i] + ")");
      }
    }
  }

  public ObservableInfo info() {
    return info;
  }

  /** Index of the first sample held here. */
  public int first() {
    return first;
  }

  /** Number of samples held here. */
  public int count() {
    return steps == null ? 1 : steps.length;
  }

  /** Step of the {@code i}-th sample held here. */
  public long step(int i) {
    if (steps == null) {
      throw new IllegalStateException(info.path() + " is time-independent: it has no steps");
    }
    return steps[i];
  }

  /** Steps of the samples (null when time-independent). */
  public long[] steps() {
    return steps == null ? null : steps.clone();
  }

  /** Whether the samples carry times. */
  public boolean hasTime() {
    return times != null;
  }

  /** Time of the {@code i}-th sample, NaN when there is none. */
  public double time(int i) {
    return times == null ? Double.NaN : times[i];
  }

  /** All values, sample-major (the backing array: do not modify). */
  public double[] values() {
    return values;
  }

  /** The values of the {@code i}-th sample held here. */
  public double[] value(int i) {
    int per = info.valuesPerSample();
    return Arrays.copyOfRange(values, i * per, i * per + per);
  }

  @Override
  public String toString() {
    return "ObservableSeries[" + info.path() + ", samples " + first + ".." + (first + count()) + "]";
  }
}
