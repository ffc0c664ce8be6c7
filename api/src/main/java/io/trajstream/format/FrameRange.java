package io.trajstream.format;

import java.io.Serializable;

/** Frames {@code start, start+step, …} below {@code stop}. */
public record FrameRange(int start, int stop, int step) implements Serializable {
  public FrameRange {
    if (start < 0 || stop < start || step < 1) {
      throw new IllegalArgumentException("bad frame range start=" + start + " stop=" + stop + " step=" + step);
    }
  }

  /** Frames {@code [start, stop)}. */
  public static FrameRange of(int start, int stop) {
    return new FrameRange(start, stop, 1);
  }

  /** One frame. */
  public static FrameRange single(int frame) {
    return new FrameRange(frame, frame + 1, 1);
  }

  /** Number of frames in the range. */
  public int size() {
    return stop <= start ? 0 : (stop - start + step - 1) / step;
  }

  /** The {@code i}-th frame of the range. */
  public int frame(int i) {
    return start + i * step;
  }

  /** The last frame in the range, or {@code start-1} when empty. */
  public int last() {
    return size() == 0 ? start - 1 : frame(size() - 1);
  }

  /** The frame indices as an array. */
  public int[] toArray() {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = frame(i);
    }
    return out;
  }

  /** Checks the range against a trajectory of {@code frames} frames. */
  public FrameRange checkWithin(int frames) {
    if (size() > 0 && last() >= frames) {
      throw new IndexOutOfBoundsException("frame " + last() + " requested, trajectory has " + frames + " frames");
    }
    return this;
  }

  @Override
  public String toString() {
    return step == 1 ? "[" + start + "," + stop + ")" : "[" + start + "," + stop + ")/" + step;
  }
}
