package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One observable at some frames of the trajectory: per frame a sample of {@link #shape()} as
 * doubles (frame-major) and whether the observable has a sample at that frame's step. The rule is
 * that of {@link FrameBlock}'s fields: where a time-dependent observable has no sample at a frame's
 * step it is absent there (values NaN, {@link #has} false), never filled from another frame. A
 * time-independent observable holds for the whole trajectory and is present at every frame.
 */
public final class ObservableBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ObservableInfo info;
  private final int[] frames;
  private final double[] values;
  private final boolean[] present;

  private ObservableBlock(ObservableInfo info, int[] frames, double[] values, boolean[] present) {
    this.info = info;
    this.frames = frames;
    this.values = values;
    this.present = present;
  }

  /**
   * Places samples at frames by step: frame {@code i} (absolute index {@code frames[i]}, step {@code
   * frameSteps[i]}) gets the sample of {@code samples} with that step, if any. {@code samples} must
   * hold every sample whose step is among {@code frameSteps} (more do no harm). A time-independent
   * observable's value goes to every frame.
   */
  public static ObservableBlock align(ObservableSeries samples, int[] frames, long[] frameSteps) {
    if (frames.length != frameSteps.length) {
      throw new IllegalArgumentException(frames.length + " frames but " + frameSteps.length + " steps");
    }
    ObservableInfo info = samples.info();
    int per = info.valuesPerSample();
    double[] v = new double[frames.length * per];
    Arrays.fill(v, Double.NaN);
    boolean[] p = new boolean[frames.length];
    long[] st = samples.steps();
    double[] src = samples.values();
    for (int i = 0; i < frames.length; i++) {
      int s = st == null ? 0 : Arrays.binarySearch(st, frameSteps[i]);
      if (s >= 0) {
        System.arraycopy(src, s * per, v, i * per, per);
        p[i] = true;
      }
    }
    return new ObservableBlock(info, frames.clone(), v, p);
  }

  /**
   * A block from values a reader has placed itself: {@code values} frame-major ({@link
   * ObservableInfo#valuesPerSample()} per frame, NaN where absent), {@code present} per frame.
   */
  public static ObservableBlock of(ObservableInfo info, int[] frames, double[] values, boolean[] present) {
    int per = info.valuesPerSample();
    if (present.length != frames.length || values.length != (long) frames.length * per) {
      throw new IllegalArgumentException(info.path() + ": " + frames.length + " frames, " + present.length + " flags and "
          + values.length + " values (" + per + " per frame)");
    }
    return new ObservableBlock(info, frames.clone(), values, present.clone());
  }

  /** The observable. */
  public ObservableInfo info() {
    return info;
  }

  /** Path below {@code observables}. */
  public String path() {
    return info.path();
  }

  /** Shape of the value at one frame. */
  public int[] shape() {
    return info.shape();
  }

  /** Values per frame. */
  public int valuesPerFrame() {
    return info.valuesPerSample();
  }

  public int frameCount() {
    return frames.length;
  }

  /** Absolute index of the {@code i}-th frame of the block. */
  public int frame(int i) {
    return frames[i];
  }

  /** Whether the observable has a sample at the {@code i}-th frame. */
  public boolean has(int i) {
    return present[i];
  }

  /** The value at the {@code i}-th frame (row-major over {@link #shape()}), or null when absent there. */
  public double[] value(int i) {
    if (!present[i]) {
      return null;
    }
    int per = info.valuesPerSample();
    return Arrays.copyOfRange(values, i * per, i * per + per);
  }

  /** All values, frame-major, NaN where absent (the backing array: do not modify). */
  public double[] values() {
    return values;
  }

  @Override
  public String toString() {
    return "ObservableBlock[" + info.path() + ", frames=" + frames.length + (frames.length > 0 ? " from " + frames[0] : "") + "]";
  }
}
