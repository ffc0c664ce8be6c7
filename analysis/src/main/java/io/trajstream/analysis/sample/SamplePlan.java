package io.trajstream.analysis.sample;

import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One epoch's order for one rank: the units (storage chunks) this rank reads, grouped into windows
 * of consecutive units, and the order in which the frames of each window are handed out. Shuffled:
 * the unit order is a seeded permutation (the same on every rank), the rank takes every
 * {@code worldSize}-th unit of it, and the frames of each window are permuted among themselves.
 * Sequential: units and frames in file order.
 */
final class SamplePlan {
  /** A window: the units loaded together and the frames handed out, as (unit index, offset) pairs. */
  record Window(List<Integer> units, int[] unitOfFrame, int[] offsetOfFrame) {
    int frames() {
      return unitOfFrame.length;
    }
  }

  private final List<SampleUnit> units;
  private final List<Window> windows;

  private SamplePlan(List<SampleUnit> units, List<Window> windows) {
    this.units = units;
    this.windows = windows;
  }

  List<SampleUnit> units() {
    return units;
  }

  List<Window> windows() {
    return windows;
  }

  long frames() {
    long n = 0;
    for (Window w : windows) {
      n += w.frames();
    }
    return n;
  }

  /**
   * The storage units of {@code sources}: runs of frames in one storage chunk of {@code field} (and
   * one part of a chained trajectory); frames without a chunk are grouped {@code looseFrames} at a
   * time.
   */
  static List<SampleUnit> units(List<TrajectoryReader> sources, Field field, int looseFrames) {
    List<SampleUnit> out = new ArrayList<>();
    long id = 0;
    for (int s = 0; s < sources.size(); s++) {
      TrajectoryReader r = sources.get(s);
      TrajectoryInfo info = r.info();
      int n = info.frames();
      int from = 0;
      long chunk = n > 0 ? r.storageChunk(field, 0) : -1;
      int part = n > 0 ? info.partOf(0) : 0;
      for (int f = 1; f <= n; f++) {
        boolean end = f == n;
        long c = end ? Long.MIN_VALUE : r.storageChunk(field, f);
        int p = end ? -1 : info.partOf(f);
        boolean split = end || p != part || c != chunk || (c < 0 && f - from >= looseFrames);
        if (split) {
          out.add(new SampleUnit(s, from, f, id + from));
          from = f;
          chunk = c;
          part = p;
        }
      }
      id += n;
    }
    return out;
  }

  /** The plan of {@code epoch} for {@code rank} of {@code worldSize}. */
  static SamplePlan of(List<SampleUnit> all, boolean shuffle, long seed, int epoch, int windowUnits, int rank,
      int worldSize) {
    List<Integer> order = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    SplittableRandom random = new SplittableRandom(mix(seed, epoch));
    if (shuffle) {
      for (int i = order.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order.get(i);
        order.set(i, order.get(j));
        order.set(j, t);
      }
    }
    List<Integer> mine = new ArrayList<>();
    for (int i = rank; i < order.size(); i += worldSize) {
      mine.add(order.get(i));
    }
    // each rank permutes its windows' frames with a generator of its own, derived from the epoch's
    SplittableRandom frameRandom = new SplittableRandom(mix(mix(seed, epoch), 0x5eed0000L + rank));
    List<Window> windows = new ArrayList<>();
    for (int w = 0; w < mine.size(); w += windowUnits) {
      List<Integer> us = List.copyOf(mine.subList(w, Math.min(mine.size(), w + windowUnits)));
      int n = 0;
      for (int u : us) {
        n += all.get(u).size();
      }
      int[] unitOf = new int[n];
      int[] offsetOf = new int[n];
      int k = 0;
      for (int u : us) {
        for (int o = 0; o < all.get(u).size(); o++, k++) {
          unitOf[k] = u;
          offsetOf[k] = o;
        }
      }
      if (shuffle) {
        for (int i = n - 1; i > 0; i--) {
          int j = frameRandom.nextInt(i + 1);
          int tu = unitOf[i];
          unitOf[i] = unitOf[j];
          unitOf[j] = tu;
          int to = offsetOf[i];
          offsetOf[i] = offsetOf[j];
          offsetOf[j] = to;
        }
      }
      windows.add(new Window(us, unitOf, offsetOf));
    }
    return new SamplePlan(all, windows);
  }

  /** A 64-bit mix of two values (SplitMix64's finaliser over their combination). */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
