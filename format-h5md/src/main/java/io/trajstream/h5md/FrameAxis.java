package io.trajstream.h5md;

import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TimeSeries;
import io.trajstream.h5md.read.MemoryBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The frames of an H5MD particle group: the union of the steps of its elements, each frame's time,
 * and the row of each element at a frame. When one element's steps hold every other element's (the
 * usual case: the same steps everywhere) the frames are that element's series, computed rather
 * than stored when it is a fixed interval; otherwise the union is built, within {@link
 * MemoryBudget}.
 */
final class FrameAxis {
  private final StepSeries steps;
  private final TimeSeries times;

  private FrameAxis(StepSeries steps, TimeSeries times) {
    this.steps = steps;
    this.times = times;
  }

  StepSeries steps() {
    return steps;
  }

  /** Times per frame, null when no element has a time. */
  TimeSeries times() {
    return times;
  }

  int frames() {
    return steps.size();
  }

  /** The row of {@code e} at {@code frame}, or -1 when {@code e} has no sample there. */
  int row(H5mdElement e, int frame) {
    return e.steps == steps ? frame : e.steps.indexOf(steps.step(frame));
  }

  /**
   * The frames of {@code elements} (steps and times loaded), in priority order {@code order}: a
   * frame's time is that of the first element in this order with a sample and a time there.
   */
  static FrameAxis of(String location, Map<Field, H5mdElement> elements, Field[] order) {
    List<H5mdElement> els = new ArrayList<>();
    for (Field f : order) {
      if (elements.containsKey(f)) {
        els.add(elements.get(f));
      }
    }
    StepSeries union = null;
    for (H5mdElement candidate : els) {
      boolean holdsAll = true;
      for (H5mdElement other : els) {
        holdsAll &= other == candidate || contains(candidate.steps, other.steps);
      }
      if (holdsAll) {
        union = candidate.steps;
        break;
      }
    }
    if (union == null) {
      union = merge(location, els);
    }
    // share the element's series object where equal, so that row() is the identity
    for (H5mdElement e : els) {
      if (e.steps.equals(union)) {
        e.steps = union;
      }
    }
    return new FrameAxis(union, times(location, union, els));
  }

  /** Whether every step of {@code b} is in {@code a}; costs nothing per frame for two fixed series. */
  static boolean contains(StepSeries a, StepSeries b) {
    if (a.equals(b) || b.size() == 0) {
      return true;
    }
    if (b.size() > a.size()) {
      return false;
    }
    if (a instanceof StepSeries.Fixed fa && b instanceof StepSeries.Fixed fb) {
      return a.indexOf(fb.first()) >= 0 && a.indexOf(fb.step(fb.count() - 1)) >= 0
          && (fb.count() == 1 || fb.interval() % fa.interval() == 0);
    }
    // b is no longer than a; a fixed a is checked per step of b, an explicit a holds its steps anyway
    for (int i = 0; i < b.size(); i++) {
      if (a.indexOf(b.step(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static StepSeries merge(String location, List<H5mdElement> els) {
    long total = 0;
    for (H5mdElement e : els) {
      total += e.steps.size();
    }
    MemoryBudget.check(location, els.get(0).path, MemoryBudget.product(total, 24), "the union of the steps of " + els.size() + " elements");
    long[] all = new long[(int) total];
    int k = 0;
    for (H5mdElement e : els) {
      for (int i = 0; i < e.steps.size(); i++) {
        all[k++] = e.steps.step(i);
      }
    }
    Arrays.sort(all);
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (n == 0 || all[i] != all[n - 1]) {
        all[n++] = all[i];
      }
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new FormatException(location, els.get(0).path, "the elements together have more than " + Integer.MAX_VALUE + " frames");
    }
    return StepSeries.of(Arrays.copyOf(all, n));
  }

  private static TimeSeries times(String location, StepSeries frames, List<H5mdElement> els) {
    H5mdElement first = null;
    for (H5mdElement e : els) {
      if (e.times != null) {
        first = e;
        break;
      }
    }
    if (first == null) {
      return null;
    }
    if (first.steps == frames) {
      return first.times; // the first element with times has a sample at every frame
    }
    MemoryBudget.check(location, first.path, (long) frames.size() * 8, "the times of " + frames.size() + " frames");
    double[] t = new double[frames.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = Double.NaN;
      long step = frames.step(i);
      for (H5mdElement e : els) {
        int r;
        if (e.times != null && (r = e.steps == frames ? i : e.steps.indexOf(step)) >= 0) {
          t[i] = e.times.time(r);
          break;
        }
      }
    }
    return TimeSeries.of(t);
  }
}
