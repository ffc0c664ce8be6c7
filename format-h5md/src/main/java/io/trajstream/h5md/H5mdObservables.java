package io.trajstream.h5md;

import io.trajstream.format.FormatException;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.h5md.read.ChunkDecoder;
import io.trajstream.h5md.read.ChunkFetcher;
import io.trajstream.h5md.read.ChunkTask;
import io.trajstream.h5md.read.MemoryBudget;
import io.trajstream.h5md.read.RowRanges;
import io.trajstream.h5md.read.Slabs;
import io.trajstream.h5md.tree.H5Dataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the observables of an H5MD file through the reader's chunk machinery. Describing them needs
 * metadata only; an observable's step and time datasets are read on its first use and kept, its
 * values are read per request (only the chunks covering the samples asked for). Thread-safe.
 */
final class H5mdObservables {
  private final String location;
  private final Map<String, H5mdElement> elements;
  private final Map<String, ObservableInfo> infos = new LinkedHashMap<>();
  private final Slabs slabs;
  private final ChunkFetcher fetcher;
  private final ChunkDecoder decoder;
  private final ElementClock clock;

  H5mdObservables(String location, Map<String, H5mdElement> elements, Slabs slabs, ChunkFetcher fetcher, ChunkDecoder decoder,
      ElementClock clock) {
    this.clock = clock;
    this.location = location;
    this.elements = elements;
    this.slabs = slabs;
    this.fetcher = fetcher;
    this.decoder = decoder;
    for (Map.Entry<String, H5mdElement> en : elements.entrySet()) {
      infos.put(en.getKey(), describe(en.getKey(), en.getValue()));
    }
  }

  private ObservableInfo describe(String path, H5mdElement e) {
    long[] shape = e.value.shape();
    int skip = e.timeDependent ? 1 : 0;
    int[] per = new int[shape.length - skip];
    long values = 1;
    for (int d = skip; d < shape.length; d++) {
      values *= shape[d];
      if (shape[d] > Integer.MAX_VALUE || values > Integer.MAX_VALUE) {
        throw new FormatException(location, e.value.path(), "has shape " + Arrays.toString(shape)
            + ": more than " + Integer.MAX_VALUE + " values per sample are not supported");
      }
      per[d - skip] = (int) shape[d];
    }
    boolean integral = e.value.kind().kind() != 'f';
    return new ObservableInfo(path, per, e.unit, e.timeDependent, e.rows(), integral, e.timeUnit);
  }

  /** The descriptions, in file order. */
  List<ObservableInfo> infos() {
    return List.copyOf(infos.values());
  }

  private H5mdElement element(String path) {
    H5mdElement e = elements.get(path);
    if (e == null) {
      throw new IllegalArgumentException(location + ": no observable '" + path + "' (the file has " + elements.keySet() + ")");
    }
    return e;
  }

  /** Reads the step (and time) datasets of {@code e} once. */
  private void loadSteps(H5mdElement e) throws IOException {
    synchronized (e) {
      if (e.steps != null || !e.timeDependent) {
        return;
      }
      clock.load(List.of(e), List.of());
    }
  }

  /** Samples {@code [from, to)} of the observable at {@code path}. */
  ObservableSeries samples(String path, int from, int to) throws IOException {
    H5mdElement e = element(path);
    ObservableInfo info = infos.get(path);
    if (from < 0 || to < from || to > info.samples()) {
      throw new IndexOutOfBoundsException(location + ": samples [" + from + ", " + to + ") of observable " + path
          + ", which has " + info.samples());
    }
    decoder.checkSupported(e.value);
    int per = info.valuesPerSample();
    if (!e.timeDependent) {
      MemoryBudget.check(location, e.value.path(), MemoryBudget.product(e.value.size(), 8), "reading it whole");
      double[] out = new double[(int) Math.max(1, e.value.size())];
      fetcher.run(slabs.whole(e.value, out));
      return new ObservableSeries(info, 0, null, null, Arrays.copyOf(out, per));
    }
    loadSteps(e);
    MemoryBudget.check(location, e.value.path(), (long) (to - from) * per * 8, "reading " + (to - from) + " samples");
    double[] out = new double[(to - from) * per];
    fetcher.run(RowRanges.tasks(location, e.value, from, to - from, out, 0));
    return new ObservableSeries(info, from, e.steps.toArray(from, to),
        e.times == null ? null : e.times.toArray(from, to), out);
  }

  /** The observable at the given frames (absolute indices with their steps). */
  ObservableBlock atFrames(String path, int[] frames, long[] frameSteps) throws IOException {
    H5mdElement e = element(path);
    ObservableInfo info = infos.get(path);
    if (!e.timeDependent) {
      return ObservableBlock.align(samples(path, 0, 1), frames, frameSteps);
    }
    decoder.checkSupported(e.value);
    loadSteps(e);
    int per = info.valuesPerSample();
    MemoryBudget.check(location, e.value.path(), 2L * frames.length * per * 8, "reading " + frames.length + " samples");
    int[] rowOf = new int[frames.length];
    int count = 0;
    for (int i = 0; i < frames.length; i++) {
      rowOf[i] = e.rowOf(frameSteps[i]);
      if (rowOf[i] >= 0) {
        count++;
      }
    }
    double[] values = new double[frames.length * per];
    Arrays.fill(values, Double.NaN);
    boolean[] present = new boolean[frames.length];
    if (count == 0) {
      return ObservableBlock.of(info, frames, values, present);
    }
    int[] rows = Arrays.stream(rowOf).filter(r -> r >= 0).sorted().distinct().toArray();
    // Runs of rows close enough to read as one range (gaps below one chunk).
    int gap = Math.max(1, slabs.rowsPerChunk(e.value));
    List<int[]> runs = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= rows.length; i++) {
      if (i == rows.length || rows[i] - rows[i - 1] > gap) {
        runs.add(new int[] {rows[start], rows[i - 1] + 1});
        start = i;
      }
    }
    List<double[]> buffers = new ArrayList<>();
    List<ChunkTask> tasks = new ArrayList<>();
    for (int[] run : runs) {
      double[] buf = new double[(run[1] - run[0]) * per];
      buffers.add(buf);
      tasks.addAll(RowRanges.tasks(location, e.value, run[0], run[1] - run[0], buf, 0));
    }
    fetcher.run(tasks);
    for (int i = 0; i < frames.length; i++) {
      int r = rowOf[i];
      if (r < 0) {
        continue;
      }
      int k = 0;
      while (r >= runs.get(k)[1]) {
        k++;
      }
      System.arraycopy(buffers.get(k), (r - runs.get(k)[0]) * per, values, i * per, per);
      present[i] = true;
    }
    return ObservableBlock.of(info, frames, values, present);
  }
}
