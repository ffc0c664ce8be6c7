package io.trajstream.h5md;

import io.trajstream.format.Field;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TimeSeries;
import io.trajstream.h5md.tree.H5Dataset;

/**
 * One H5MD data element of a particle group (position, velocity, force or box edges) or an
 * observable: its value dataset and how its step and time are stored. {@link #steps} and {@link
 * #times} are set once the step and time datasets have been read (see {@link ElementClock}); a
 * fixed (scalar) step or time is kept as a fixed-interval series, never one entry per row.
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
  volatile StepSeries steps;
  volatile TimeSeries times;

  H5mdElement(Field field, String path, H5Dataset value, boolean timeDependent) {
    this.field = field;
    this.path = path;
    this.value = value;
    this.timeDependent = timeDependent;
  }

  /** Rows of the value: its first dimension when time-dependent (checked to fit an int by {@link H5mdStructure}). */
  int rows() {
    return timeDependent ? (int) value.shape()[0] : 1;
  }

  boolean hasTime() {
    return timeData != null;
  }

  /** The value row holding {@code step}, or -1. */
  int rowOf(long step) {
    return steps.indexOf(step);
  }
}
