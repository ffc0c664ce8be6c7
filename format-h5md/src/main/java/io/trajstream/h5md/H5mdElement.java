package io.trajstream.h5md;

import io.trajstream.format.Field;
import io.trajstream.h5md.tree.H5Dataset;

/**
 * One H5MD data element of a particle group (position, velocity, force or box edges): its value
 * dataset and how its step and time are stored. {@link #steps} and {@link #times} are filled once
 * the step and time datasets have been read.
 */
final class H5mdElement {
  final Field field;
  final String path;
  final H5Dataset value;
  /** Whether the value has a leading frame dimension (time-dependent element). */
  final boolean timeDependent;
  H5Dataset stepData;
  boolean stepFixed;
  long stepOffset;
  H5Dataset timeData;
  boolean timeFixed;
  double timeOffset;
  String unit;
  String timeUnit;
  long[] steps;
  double[] times;

  H5mdElement(Field field, String path, H5Dataset value, boolean timeDependent) {
    this.field = field;
    this.path = path;
    this.value = value;
    this.timeDependent = timeDependent;
  }

  int rows() {
    return timeDependent ? (int) value.shape()[0] : 1;
  }

  boolean hasTime() {
    return timeData != null;
  }

  /** Fills steps from the step dataset's values ({@code stepValues}: the whole dataset). */
  void resolveSteps(double[] stepValues) {
    int n = rows();
    steps = new long[n];
    if (stepFixed) {
      long interval = Math.round(stepValues[0]);
      for (int i = 0; i < n; i++) {
        steps[i] = stepOffset + i * interval;
      }
    } else {
      for (int i = 0; i < n; i++) {
        steps[i] = Math.round(stepValues[i]);
      }
    }
  }

  void resolveTimes(double[] timeValues) {
    int n = rows();
    times = new double[n];
    if (timeFixed) {
      for (int i = 0; i < n; i++) {
        times[i] = timeOffset + i * timeValues[0];
      }
    } else {
      System.arraycopy(timeValues, 0, times, 0, n);
    }
  }

  /** The value row holding {@code step}, or -1. */
  int rowOf(long step) {
    int i = java.util.Arrays.binarySearch(steps, step);
    return i >= 0 ? i : -1;
  }
}
