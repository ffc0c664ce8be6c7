package io.trajstream.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Which frames of each part a chain of trajectories uses, and where they land in the chain. With
 * {@code continuous=false} every frame of every part, in the order given (MDAnalysis's ChainReader
 * default). With {@code continuous=true}, as ChainReader's {@code continuous=True}: parts are ordered
 * by their first time (stably), a part that starts at the same time as a later one is dropped (the
 * later part wins), and each remaining part is cut before the first frame whose time is not below
 * the next part's first time, so that time increases across the chain.
 */
public final class PartIndex {
  /** Frames {@code [from, to)} of part {@code part} become chain frames from {@code chainStart}. */
  public record Segment(int part, int from, int to, int chainStart) {
    public int size() {
      return to - from;
    }
  }

  private final List<Segment> segments;
  private final int[] starts;
  private final int frames;

  private PartIndex(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    this.starts = new int[segments.size()];
    int at = 0;
    for (int i = 0; i < segments.size(); i++) {
      starts[i] = at;
      at += segments.get(i).size();
    }
    this.frames = at;
  }

  /** Every frame of every part, in order. */
  public static PartIndex concatenated(int[] partFrames) {
    List<Segment> out = new ArrayList<>();
    int at = 0;
    for (int p = 0; p < partFrames.length; p++) {
      if (partFrames[p] > 0) {
        out.add(new Segment(p, 0, partFrames[p], at));
        at += partFrames[p];
      }
    }
    return new PartIndex(out);
  }

  /**
   * The frames a time-continuous chain uses; {@code times.get(p)} gives the time of each frame of
   * part {@code p}, which must increase within a part.
   *
   * @throws IllegalArgumentException when a part has no time (naming it)
   */
  public static PartIndex continuous(int[] partFrames, List<IntToDoubleFunction> times, List<String> names) {
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < partFrames.length; p++) {
      if (partFrames[p] > 0) {
        if (Double.isNaN(times.get(p).applyAsDouble(0))) {
          throw new IllegalArgumentException(names.get(p) + ": no time stored, so the parts cannot be"
              + " joined by time (continuous); read them concatenated instead");
        }
        order.add(p);
      }
    }
    order.sort((a, b) -> Double.compare(times.get(a).applyAsDouble(0), times.get(b).applyAsDouble(0)));
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      int p = order.get(i);
      boolean sameStartLater = i + 1 < order.size()
          && sameTime(times.get(order.get(i + 1)).applyAsDouble(0), times.get(p).applyAsDouble(0));
      if (!sameStartLater) {
        kept.add(p);
      }
    }
    List<Segment> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < kept.size(); i++) {
      int p = kept.get(i);
      int to = partFrames[p];
      if (i + 1 < kept.size()) {
        double next = times.get(kept.get(i + 1)).applyAsDouble(0);
        IntToDoubleFunction t = times.get(p);
        while (to > 0 && !(t.applyAsDouble(to - 1) < next) ) {
          to--;
        }
      }
      if (to > 0) {
        out.add(new Segment(p, 0, to, at));
        at += to;
      }
    }
    return new PartIndex(out);
  }

  private static boolean sameTime(double a, double b) {
    return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
  }

  /** The segments in chain order (parts left out entirely have none). */
  public List<Segment> segments() {
    return segments;
  }

  /** Frames of the chain. */
  public int frames() {
    return frames;
  }

  /** The index in {@link #segments()} of the segment holding chain frame {@code frame}. */
  public int segmentOf(int frame) {
    if (frame < 0 || frame >= frames) {
      throw new IndexOutOfBoundsException("frame " + frame + " of " + frames);
    }
    int i = java.util.Arrays.binarySearch(starts, frame);
    if (i >= 0) {
      return i;
    }
    return -i - 2;
  }

  /** First chain frame of each segment. */
  public int[] segmentStarts() {
    return starts.clone();
  }
}
