package io.trajstream.h5md;

import io.trajstream.format.FormatException;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TimeSeries;
import io.trajstream.h5md.read.ChunkDecoder;
import io.trajstream.h5md.read.ChunkFetcher;
import io.trajstream.h5md.read.ChunkTask;
import io.trajstream.h5md.read.MemoryBudget;
import io.trajstream.h5md.read.RowRanges;
import io.trajstream.h5md.read.Slabs;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.H5Dataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the step and time datasets of H5MD elements into {@link StepSeries} and {@link
 * TimeSeries}. A fixed (scalar) step or time is one value, whatever the number of rows. An explicit
 * one is read only after its size is checked: entries never written all hold the fill value, so
 * steps with two of them cannot increase, and the arrays must fit in {@link MemoryBudget}.
 */
final class ElementClock {
  /** Bytes an explicit entry costs while read: the double read into and the long or double kept. */
  private static final int BYTES_PER_ENTRY = 16;
  /** Bytes a planned chunk read costs (task, ranges, buffers' bookkeeping), for the budget. */
  private static final int BYTES_PER_CHUNK = 256;

  private final String location;
  private final Slabs slabs;
  private final ChunkFetcher fetcher;
  private final ChunkDecoder decoder;

  ElementClock(String location, Slabs slabs, ChunkFetcher fetcher, ChunkDecoder decoder) {
    this.location = location;
    this.slabs = slabs;
    this.fetcher = fetcher;
    this.decoder = decoder;
  }

  /**
   * Sets the steps and times of {@code elements} (time-dependent ones) and reads {@code extra}
   * small datasets whole, all in one fetch; returns the values of {@code extra} by object id.
   */
  Map<Long, double[]> load(Collection<H5mdElement> elements, List<H5Dataset> extra) throws IOException {
    // entries wanted per stored dataset (hard links are read once, as far as their longest user needs)
    Map<Long, H5Dataset> byId = new LinkedHashMap<>();
    Map<Long, Integer> entries = new HashMap<>();
    Map<Long, Boolean> isStep = new HashMap<>();
    for (H5mdElement e : elements) {
      if (!e.timeDependent) {
        continue;
      }
      want(e.stepData, e.stepFixed ? 0 : e.rows(), true, byId, entries, isStep);
      if (e.timeData != null) {
        want(e.timeData, e.timeFixed ? 0 : e.rows(), false, byId, entries, isStep);
      }
    }
    Map<Long, double[]> values = new HashMap<>();
    List<ChunkTask> tasks = new ArrayList<>();
    for (H5Dataset d : byId.values()) {
      decoder.checkSupported(d);
      int n = entries.get(d.objectId());
      if (d.rank() == 0) {
        double[] out = new double[1];
        values.put(d.objectId(), out);
        tasks.addAll(slabs.whole(d, out));
        continue;
      }
      checkExplicit(d, n, isStep.get(d.objectId()));
      double[] out = new double[n];
      values.put(d.objectId(), out);
      tasks.addAll(RowRanges.tasks(location, d, 0, n, out, 0));
    }
    Map<Long, double[]> extras = new HashMap<>();
    for (H5Dataset d : extra) {
      decoder.checkSupported(d);
      MemoryBudget.check(location, d.path(), MemoryBudget.product(d.size(), 8), "reading it whole");
      double[] out = new double[(int) Math.max(1, d.size())];
      extras.put(d.objectId(), out);
      tasks.addAll(slabs.whole(d, out));
    }
    fetcher.run(tasks);
    for (H5mdElement e : elements) {
      if (e.timeDependent) {
        e.steps = steps(e, values.get(e.stepData.objectId()));
        if (e.timeData != null) {
          e.times = times(e, values.get(e.timeData.objectId()));
        }
      }
    }
    return extras;
  }

  private static void want(H5Dataset d, int n, boolean step, Map<Long, H5Dataset> byId, Map<Long, Integer> entries,
      Map<Long, Boolean> isStep) {
    byId.putIfAbsent(d.objectId(), d);
    entries.merge(d.objectId(), n, Math::max);
    isStep.merge(d.objectId(), step, Boolean::logicalOr);
  }

  /** Checks, before allocating, that the first {@code n} entries of an explicit step or time dataset can be read. */
  private void checkExplicit(H5Dataset d, int n, boolean step) throws IOException {
    if (step) {
      long unwritten = n - storedEntries(d, n);
      if (unwritten >= 2) {
        throw new FormatException(location, d.path(), unwritten + " of its first " + n
            + " entries were never written: they all hold the fill value, so the steps cannot increase");
      }
    }
    long chunks = d.contiguous() ? 1 : (n + (long) d.chunkShape()[0] - 1) / Math.max(1, d.chunkShape()[0]);
    MemoryBudget.check(location, d.path(), (long) n * BYTES_PER_ENTRY + chunks * BYTES_PER_CHUNK,
        "reading its " + n + " " + (step ? "steps" : "times"));
  }

  /** How many of the first {@code n} entries of a one-dimensional dataset are stored (not fill value). */
  static long storedEntries(H5Dataset d, long n) throws IOException {
    Map<Long, ChunkRef> chunks = d.chunks();
    if (d.contiguous() || d.rank() == 0) {
      return chunks.isEmpty() ? 0 : n;
    }
    long c = Math.max(1, d.chunkShape()[0]);
    long stored = 0;
    for (Long g : chunks.keySet()) {
      long from = g * c;
      long to = Math.min(n, from + c);
      if (to > from) {
        stored += to - from;
      }
    }
    return stored;
  }

  private StepSeries steps(H5mdElement e, double[] v) {
    int rows = e.rows();
    if (e.stepFixed) {
      long interval = Math.round(v[0]);
      if (rows > 1 && interval <= 0) {
        throw new FormatException(location, e.stepData.path(), "fixed step " + interval + " is not positive: the steps cannot increase");
      }
      try {
        return StepSeries.fixed(e.stepOffset, interval, rows);
      } catch (ArithmeticException x) {
        throw new FormatException(location, e.stepData.path(), "step " + interval + " from offset " + e.stepOffset + " over "
            + rows + " rows passes the largest step a long holds");
      }
    }
    long[] steps = new long[rows];
    for (int i = 0; i < rows; i++) {
      steps[i] = Math.round(v[i]);
      if (i > 0 && steps[i] <= steps[i - 1]) {
        throw new FormatException(location, e.stepData.path(), "steps are not increasing at entry " + i);
      }
    }
    return StepSeries.of(steps);
  }

  private static TimeSeries times(H5mdElement e, double[] v) {
    int rows = e.rows();
    return e.timeFixed ? TimeSeries.fixed(e.timeOffset, v[0], rows) : TimeSeries.of(Arrays.copyOf(v, rows));
  }
}
