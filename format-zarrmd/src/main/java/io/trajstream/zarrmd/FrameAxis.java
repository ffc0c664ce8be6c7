package io.trajstream.zarrmd;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.zarr.HeapLimit;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The frames of a zarrmd trajectory: the union of the steps of its time-dependent elements, and
 * which sample of each element lies at each frame (-1: none). When every element has fixed steps
 * that start together (the common case of one writer, one interval) frames are computed and no
 * per-frame array exists; otherwise steps, times and sample indices are held per frame, after a
 * check against {@link HeapLimit}. Immutable.
 */
final class FrameAxis {
  private final int frames;
  /** Step of each frame, or null when the frames are those of {@link #regular}. */
  private final long[] steps;
  private final double[] times;
  /** The clock of the frames when regular, else null. */
  private final SampleClock regular;
  /** Per field: sample of each frame (-1 when absent); null for a field whose samples are frames 0..n-1. */
  private final EnumMap<Field, int[]> sampleOfFrame;
  private final EnumMap<Field, Integer> samples;

  private FrameAxis(int frames, long[] steps, double[] times, SampleClock regular, EnumMap<Field, int[]> sampleOfFrame,
      EnumMap<Field, Integer> samples) {
    this.frames = frames;
    this.steps = steps;
    this.times = times;
    this.regular = regular;
    this.sampleOfFrame = sampleOfFrame;
    this.samples = samples;
  }

  /** The frames of {@code elements} (time-dependent ones, in field order). */
  static FrameAxis of(EnumMap<Field, H5mdElement> elements, String location, String object) {
    EnumMap<Field, Integer> samples = new EnumMap<>(Field.class);
    elements.forEach((f, e) -> samples.put(f, e.clock.samples()));
    SampleClock regular = regularFrames(elements.values());
    if (regular != null) {
      return new FrameAxis(regular.samples(), null, null, regular, new EnumMap<>(Field.class), samples);
    }
    return explicit(elements, samples, location, object);
  }

  /**
   * The clock of the frames when every element's steps are a prefix of one regular sequence and
   * the elements with times agree on them and cover every frame; else null.
   */
  private static SampleClock regularFrames(Collection<H5mdElement> elements) {
    SampleClock longest = null;
    SampleClock longestTimed = null;
    for (H5mdElement e : elements) {
      SampleClock c = e.clock;
      if (!c.regularSteps()) {
        return null;
      }
      if (longest == null || c.samples() > longest.samples()) {
        longest = c;
      }
      if (c.hasTime()) {
        if (!c.regularTimes()) {
          return null;
        }
        if (longestTimed == null || c.samples() > longestTimed.samples()) {
          longestTimed = c;
        }
      }
    }
    if (longest == null) {
      return SampleClock.regular(0, 0, 1);
    }
    for (H5mdElement e : elements) {
      SampleClock c = e.clock;
      if (!prefix(c, longest)) {
        return null;
      }
      if (c.hasTime() && c.samples() > 1
          && (c.timeOffset() != longestTimed.timeOffset() || c.timeInterval() != longestTimed.timeInterval())) {
        return null;
      }
      if (c.hasTime() && c.samples() == 1 && c.timeOffset() != longestTimed.timeOffset()) {
        return null;
      }
    }
    SampleClock frames = SampleClock.regular(longest.samples(), longest.stepOffset(), longest.stepInterval());
    if (longestTimed == null) {
      return frames;
    }
    if (longestTimed.samples() != longest.samples()) {
      return null; // some frames have a time and some not: per-frame times
    }
    return frames.withRegularTimes(longestTimed.timeOffset(), longestTimed.timeInterval());
  }

  /** Whether the regular steps of {@code c} are the first steps of {@code of}. */
  private static boolean prefix(SampleClock c, SampleClock of) {
    if (c.samples() == 0) {
      return true;
    }
    if (c.stepOffset() != of.stepOffset()) {
      return false;
    }
    return c.samples() == 1 || c.stepInterval() == of.stepInterval();
  }

  private static FrameAxis explicit(EnumMap<Field, H5mdElement> elements, EnumMap<Field, Integer> samples, String location,
      String object) {
    long total = 0;
    for (H5mdElement e : elements.values()) {
      total += e.clock.samples();
    }
    // The union of steps, a time and a sample index per field for each frame, and their copies in the info.
    HeapLimit.check(total * (8 + 8 + 8 + 8 + 4L * elements.size()), location, object,
        "per-frame steps and times of " + total + " samples");
    if (total > Integer.MAX_VALUE - 8) {
      throw new io.trajstream.format.FormatException(location, object, total + " samples in all are more than one array holds");
    }
    long[] steps = unionOfSteps(elements.values(), (int) total);
    double[] times = null;
    EnumMap<Field, int[]> sampleOfFrame = new EnumMap<>(Field.class);
    for (Map.Entry<Field, H5mdElement> en : elements.entrySet()) {
      SampleClock c = en.getValue().clock;
      int[] map = new int[steps.length];
      Arrays.fill(map, -1);
      for (int s = 0; s < c.samples(); s++) {
        int frame = Arrays.binarySearch(steps, c.step(s));
        map[frame] = s;
        if (c.hasTime()) {
          if (times == null) {
            times = new double[steps.length];
            Arrays.fill(times, Double.NaN);
          }
          if (Double.isNaN(times[frame])) {
            times[frame] = c.time(s);
          }
        }
      }
      sampleOfFrame.put(en.getKey(), map);
    }
    return new FrameAxis(steps.length, steps, times, null, sampleOfFrame, samples);
  }

  /** The sorted distinct steps of all elements (without boxing: trajectories may have millions of frames). */
  private static long[] unionOfSteps(Collection<H5mdElement> elements, int total) {
    long[] all = new long[total];
    int at = 0;
    boolean increasing = true;
    for (H5mdElement e : elements) {
      SampleClock c = e.clock;
      for (int i = 0; i < c.samples(); i++) {
        long st = c.step(i);
        increasing &= at == 0 || st > all[at - 1];
        all[at++] = st;
      }
    }
    if (increasing) {
      return all;
    }
    Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[distinct++] = all[i];
      }
    }
    return Arrays.copyOf(all, distinct);
  }

  int frames() {
    return frames;
  }

  /** The sample of {@code field} at {@code frame}, or -1 when it has none there. */
  int sample(Field field, int frame) {
    int[] map = sampleOfFrame.get(field);
    if (map != null) {
      return map[frame];
    }
    return frame < samples.getOrDefault(field, 0) ? frame : -1;
  }

  /** A builder of the trajectory's info with these frames' steps and times. */
  TrajectoryInfo.Builder infoBuilder(String format, int atoms) {
    if (regular != null) {
      TrajectoryInfo.Builder b = TrajectoryInfo.builder(format, atoms,
          io.trajstream.format.StepSeries.fixed(regular.stepOffset(), regular.stepInterval(), frames));
      if (regular.hasTime()) {
        b.timeSeries(io.trajstream.format.TimeSeries.fixed(regular.timeOffset(), regular.timeInterval(), frames));
      }
      return b;
    }
    return TrajectoryInfo.builder(format, atoms, steps).times(times);
  }
}
