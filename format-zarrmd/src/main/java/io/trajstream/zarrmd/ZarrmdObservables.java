package io.trajstream.zarrmd;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FormatException;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.zarr.DataType;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observables of a zarrmd store (below {@code observables}, at any depth): an element group
 * with a {@code value} array, time-dependent when it has a {@code step}. Describing them needs
 * metadata only; an observable's steps and times are read on first use and kept, its values per
 * request (only the chunks covering the samples asked for). Thread-safe.
 */
final class ZarrmdObservables {
  private final String location;
  private final Map<String, ZarrGroup> groups;
  private final Map<String, ObservableInfo> infos;
  private final Map<String, H5mdElement> opened = new java.util.concurrent.ConcurrentHashMap<>();

  private ZarrmdObservables(String location, Map<String, ZarrGroup> groups, Map<String, ObservableInfo> infos) {
    this.location = location;
    this.groups = groups;
    this.infos = infos;
  }

  /** Finds and describes the observables below {@code root}'s {@code observables} group. */
  static ZarrmdObservables discover(ZarrGroup root, String location) throws IOException {
    Map<String, ZarrGroup> groups = new LinkedHashMap<>();
    Map<String, ObservableInfo> infos = new LinkedHashMap<>();
    if (root.containsGroup("observables")) {
      collect(root.group("observables"), "", groups);
    }
    for (Map.Entry<String, ZarrGroup> en : groups.entrySet()) {
      infos.put(en.getKey(), describe(en.getKey(), en.getValue(), location));
    }
    return new ZarrmdObservables(location, groups, infos);
  }

  private static void collect(ZarrGroup g, String prefix, Map<String, ZarrGroup> out) throws IOException {
    for (String c : g.children()) {
      if (!g.containsGroup(c)) {
        continue; // a bare array directly below observables is no H5MD element
      }
      if (g.containsArray(c + "/value")) {
        out.put(prefix + c, g.group(c));
      } else {
        collect(g.group(c), prefix + c + "/", out);
      }
    }
  }

  private static ObservableInfo describe(String path, ZarrGroup g, String location) throws IOException {
    ZarrArray value = g.array("value");
    long[] shape = value.shape();
    boolean timeDependent = g.containsArray("step");
    int skip = timeDependent ? 1 : 0;
    int[] per = new int[Math.max(0, shape.length - skip)];
    long perSample = 1;
    for (int d = skip; d < shape.length; d++) {
      perSample *= shape[d];
      if (shape[d] > Integer.MAX_VALUE - 8 || perSample > Integer.MAX_VALUE - 8) {
        throw new FormatException(location, value.path(), "shape " + Arrays.toString(shape) + " has more values per sample than one array holds");
      }
      per[d - skip] = (int) shape[d];
    }
    String timeUnit = timeDependent && g.containsArray("time") ? text(g.array("time").attributes().get("unit")) : null;
    if (timeDependent && shape.length > 0 && shape[0] > Integer.MAX_VALUE - 8) {
      throw new FormatException(location, value.path(), "declares " + shape[0] + " samples, more than one array holds");
    }
    int samples = timeDependent ? (shape.length == 0 ? 0 : (int) shape[0]) : 1;
    boolean integral = value.dtype().kind() != DataType.Kind.FLOAT;
    return new ObservableInfo(path, per, text(value.attributes().get("unit")), timeDependent, samples, integral, timeUnit);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  List<ObservableInfo> infos() {
    return List.copyOf(infos.values());
  }

  private ObservableInfo info(String path) {
    ObservableInfo info = infos.get(path);
    if (info == null) {
      throw new IllegalArgumentException(location + ": no observable '" + path + "' (the store has " + infos.keySet() + ")");
    }
    return info;
  }

  /** The element of {@code path} with its steps and times, opened once. */
  private H5mdElement element(String path) throws IOException {
    H5mdElement e = opened.get(path);
    if (e == null) {
      synchronized (this) {
        e = opened.get(path);
        if (e == null) {
          e = H5mdElement.open(groups.get(path), location);
          if (e.timeDependent() && e.value.shape().length == 0) {
            throw new FormatException(location, e.path + "/value", "a time-dependent observable's value is a scalar");
          }
          opened.put(path, e);
        }
      }
    }
    return e;
  }

  /** Reads rows {@code [r0, r0+n)} of a time-dependent value as doubles. */
  private static double[] rows(ZarrArray value, int r0, int n, int per) throws IOException {
    long[] shape = value.shape();
    long[] start = new long[shape.length];
    int[] count = new int[shape.length];
    start[0] = r0;
    count[0] = n;
    for (int d = 1; d < shape.length; d++) {
      count[d] = Math.toIntExact(shape[d]);
    }
    if (n == 0 || per == 0) {
      return new double[n * per];
    }
    ByteBuffer raw = value.read(start, count);
    return value.dtype().toDoubles(raw, n * per);
  }

  ObservableSeries samples(String path, int from, int to) throws IOException {
    ObservableInfo info = info(path);
    if (from < 0 || to < from || to > info.samples()) {
      throw new IndexOutOfBoundsException(location + ": samples [" + from + ", " + to + ") of observable " + path
          + ", which has " + info.samples());
    }
    H5mdElement e = element(path);
    int per = info.valuesPerSample();
    if (!info.timeDependent()) {
      double[] v = per == 0 ? new double[0] : e.value.dtype().toDoubles(e.value.readAll(), per);
      return new ObservableSeries(info, 0, null, null, v);
    }
    double[] v = rows(e.value, from, to - from, per);
    return new ObservableSeries(info, from, e.clock.steps(from, to), e.clock.times(from, to), v);
  }

  /** The observable at the given frames (absolute indices with their steps). */
  ObservableBlock atFrames(String path, int[] frames, long[] frameSteps) throws IOException {
    ObservableInfo info = info(path);
    if (!info.timeDependent()) {
      return ObservableBlock.align(samples(path, 0, 1), frames, frameSteps);
    }
    H5mdElement e = element(path);
    int per = info.valuesPerSample();
    int[] rowOf = new int[frames.length];
    for (int i = 0; i < frames.length; i++) {
      rowOf[i] = e.clock.indexOf(frameSteps[i]);
    }
    double[] values = new double[frames.length * per];
    Arrays.fill(values, Double.NaN);
    boolean[] present = new boolean[frames.length];
    int[] rows = Arrays.stream(rowOf).filter(r -> r >= 0).sorted().distinct().toArray();
    int gap = Math.max(1, e.value.metadata().chunks()[0]);
    List<int[]> runs = new ArrayList<>();
    List<double[]> buffers = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= rows.length; i++) {
      if (i == rows.length || rows[i] - rows[i - 1] > gap) {
        int[] run = {rows[start], rows[i - 1] + 1};
        runs.add(run);
        buffers.add(rows(e.value, run[0], run[1] - run[0], per));
        start = i;
      }
    }
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
