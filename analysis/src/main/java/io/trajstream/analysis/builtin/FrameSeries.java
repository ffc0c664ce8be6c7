package io.trajstream.analysis.builtin;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Accumulator of per-frame values: frame index, time and a fixed number of values per frame, in
 * frame order. {@link #append} grows it in place (amortised), so folding many blocks stays linear.
 */
public final class FrameSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int width;
  private int size;
  private int[] frames = new int[0];
  private double[] times = new double[0];
  private double[] values = new double[0];

  public FrameSeries(int width) {
    this.width = width;
  }

  /** Adds one frame's values. */
  public void add(int frame, double time, double[] row) {
    ensure(size + 1);
    frames[size] = frame;
    times[size] = time;
    System.arraycopy(row, 0, values, size * width, width);
    size++;
  }

  /** Appends all of {@code later}'s frames after this one's; returns this. */
  public FrameSeries append(FrameSeries later) {
    if (later.width != width) {
      throw new IllegalArgumentException("cannot join series of width " + width + " and " + later.width);
    }
    ensure(size + later.size);
    System.arraycopy(later.frames, 0, frames, size, later.size);
    System.arraycopy(later.times, 0, times, size, later.size);
    System.arraycopy(later.values, 0, values, size * width, later.size * width);
    size += later.size;
    return this;
  }

  private void ensure(int capacity) {
    if (capacity > frames.length) {
      int c = Math.max(capacity, frames.length * 2);
      frames = Arrays.copyOf(frames, c);
      times = Arrays.copyOf(times, c);
      values = Arrays.copyOf(values, c * width);
    }
  }

  public int size() {
    return size;
  }

  public int[] frames() {
    return Arrays.copyOf(frames, size);
  }

  public double[] times() {
    return Arrays.copyOf(times, size);
  }

  /** Rows of values, one per frame. */
  public double[][] rows() {
    double[][] r = new double[size][];
    for (int i = 0; i < size; i++) {
      r[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
    return r;
  }

  /** The first value of each frame. */
  public double[] firstColumn() {
    double[] c = new double[size];
    for (int i = 0; i < size; i++) {
      c[i] = values[i * width];
    }
    return c;
  }
}
