package io.trajstream.zarrmd;

import io.trajstream.format.FormatException;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSamples;
import io.trajstream.format.ObservableSeries;
import io.trajstream.zarr.ArrayAppender;
import io.trajstream.zarr.ArrayMetadata;
import io.trajstream.zarr.DataType;
import io.trajstream.zarr.Json;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The observables part of {@link ZarrmdWriter}: each observable below {@code observables/} as an
 * H5MD element in zarrtraj's layout. A time-dependent one gets {@code value} ({@code <i8} when its
 * values are integers, else {@code <f8}; chunks of whole samples), {@code step} ({@code <i8}) and,
 * when its samples have times, {@code time} ({@code <f8}), all with its own steps; a
 * time-independent one a bare {@code value} array. Chunks are stored as samples arrive; the
 * metadata only in {@link #commit()}, which the writer calls before it publishes the trajectory.
 * When appending to an existing zarrmd, a time-dependent observable already there is continued
 * (its steps must go on increasing) and a time-independent one must be equal to what is stored.
 */
final class ObservableWriters {
  private static final DataType I8 = DataType.INT64;
  private static final DataType F8 = DataType.FLOAT64;

  private final ZarrHierarchy hierarchy;
  private final String location;
  private final WriterSettings settings;
  private final boolean appending;
  private final Map<String, One> observables = new LinkedHashMap<>();

  /** The arrays of one observable. */
  private static final class One {
    ObservableSamples samples;
    ArrayAppender value;
    ArrayAppender step;
    ArrayAppender time;
    /** Time-independent: the value, stored at commit (null when already stored and equal). */
    double[] fixed;
  }

  ObservableWriters(ZarrHierarchy hierarchy, String location, WriterSettings settings, boolean appending) {
    this.hierarchy = hierarchy;
    this.location = location;
    this.settings = settings;
    this.appending = appending;
  }

  private static String element(String path) {
    return "observables/" + path;
  }

  /** Appends samples of one observable (see {@link io.trajstream.format.TrajectoryWriter#appendObservable}). */
  void append(ObservableSeries s) throws IOException {
    ObservableInfo info = s.info();
    ObservableSamples.checkPath(location, info.path());
    One o = observables.get(info.path());
    if (o == null) {
      o = start(s);
      observables.put(info.path(), o);
      if (!info.timeDependent()) {
        return;
      }
    } else {
      o.samples.checkNext(s);
    }
    int n = o.samples.check(s);
    if (n == 0) {
      return;
    }
    o.value.append(encode(s.values(), info.integral()), 0, n);
    o.step.append(I8.fromLongs(s.steps()).array(), 0, n);
    if (o.time != null) {
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = s.time(i);
      }
      o.time.append(F8.fromDoubles(t).array(), 0, n);
    }
    o.samples.stored(s);
  }

  private static byte[] encode(double[] v, boolean integral) {
    if (!integral) {
      return F8.fromDoubles(v).array();
    }
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = Math.round(v[i]);
    }
    return I8.fromLongs(l).array();
  }

  private One start(ObservableSeries s) throws IOException {
    ObservableInfo info = s.info();
    String p = element(info.path());
    One o = new One();
    o.samples = new ObservableSamples(location, s);
    boolean exists = appending && hierarchy.exists(p + "/value");
    if (!info.timeDependent()) {
      o.fixed = s.values().clone();
      if (exists) {
        ZarrArray old = hierarchy.array(p + "/value");
        int per = info.valuesPerSample();
        long[] shape = old.shape();
        double[] stored = per == 0 ? new double[0] : old.dtype().toDoubles(old.readAll(), per);
        if (!Arrays.equals(Arrays.stream(shape).mapToInt(Math::toIntExact).toArray(), info.shape())
            || !Arrays.equals(stored, o.fixed)) {
          throw new FormatException(location, p, "time-independent observable differs from the one being appended");
        }
        o.fixed = null; // already there
      }
      return o;
    }
    if (exists) {
      if (!hierarchy.exists(p + "/step") || hierarchy.array(p + "/step").shape().length != 1) {
        throw new FormatException(location, p, "only observables with explicit step arrays can be appended to");
      }
      ZarrArray value = hierarchy.array(p + "/value");
      long[] shape = value.shape();
      if (!Arrays.equals(Arrays.stream(shape).skip(1).mapToInt(Math::toIntExact).toArray(), info.shape())) {
        throw new FormatException(location, p + "/value", "has samples of shape " + Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length))
            + ", appending " + Arrays.toString(info.shape()));
      }
      boolean storedTime = hierarchy.exists(p + "/time");
      if (storedTime != o.samples.hasTime() || (storedTime && hierarchy.array(p + "/time").shape().length != 1)) {
        throw new FormatException(location, p + "/time", storedTime ? "explicit times are needed to append" : "has no time to append to");
      }
      ZarrArray step = hierarchy.array(p + "/step");
      o.value = ArrayAppender.resume(value);
      o.step = ArrayAppender.resume(step);
      o.time = storedTime ? ArrayAppender.resume(hierarchy.array(p + "/time")) : null;
      if (step.shape()[0] > 0) {
        o.samples.resumeAfter(step.dtype().getLong(step.read(new long[] {step.shape()[0] - 1}, new int[] {1}), 0));
      }
      return o;
    }
    int[] per = info.shape();
    for (int d : per) {
      if (d == 0) {
        throw new IllegalArgumentException(location + ": observable " + info.path() + " has empty samples " + Arrays.toString(per));
      }
    }
    DataType type = info.integral() ? I8 : F8;
    long[] shape = new long[per.length + 1];
    int[] chunks = new int[per.length + 1];
    for (int d = 0; d < per.length; d++) {
      shape[d + 1] = per[d];
      chunks[d + 1] = per[d];
    }
    // Observables are small side series read on demand: about 1 MiB per value chunk, whatever the
    // frame chunking asked for positions; step and time as for the particle elements.
    chunks[0] = (int) Math.max(1, Math.min(ZarrmdWriter.STEP_TIME_CHUNK_FRAMES, (1L << 20) / (8L * Math.max(1, info.valuesPerSample()))));
    int timeChunk = ZarrmdWriter.STEP_TIME_CHUNK_FRAMES;
    o.value = ArrayAppender.create(hierarchy, p + "/value", ArrayMetadata.of(shape, chunks, type, 0L, settings.compressor()));
    o.step = ArrayAppender.create(hierarchy, p + "/step", ArrayMetadata.of(new long[] {0}, new int[] {timeChunk}, I8, 0L, settings.compressor()));
    o.time = o.samples.hasTime()
        ? ArrayAppender.create(hierarchy, p + "/time", ArrayMetadata.of(new long[] {0}, new int[] {timeChunk}, F8, 0.0, settings.compressor()))
        : null;
    return o;
  }

  /** Stores the last chunks, then every observable's array metadata, then its groups. */
  void commit() throws IOException {
    TreeSet<String> groups = new TreeSet<>();
    for (Map.Entry<String, One> en : observables.entrySet()) {
      One o = en.getValue();
      String p = element(en.getKey());
      ObservableInfo info = o.samples.info();
      var valueAttrs = info.unit() == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.createObjectNode().put("unit", info.unit());
      if (!info.timeDependent()) {
        if (o.fixed != null) {
          int[] per = info.shape();
          long[] shape = Arrays.stream(per).asLongStream().toArray();
          int[] chunks = per.clone();
          for (int d = 0; d < chunks.length; d++) {
            chunks[d] = Math.max(1, chunks[d]);
          }
          ZarrArray a = ZarrArray.define(hierarchy, p + "/value",
              ArrayMetadata.of(shape, chunks, info.integral() ? I8 : F8, 0L, settings.compressor()));
          if (o.fixed.length > 0) {
            a.writeChunk(new long[per.length], encode(o.fixed, info.integral()));
          }
          a.commitMetadata(valueAttrs);
        }
      } else {
        ZarrArray value = o.value.finish();
        ZarrArray step = o.step.finish();
        ZarrArray time = o.time == null ? null : o.time.finish();
        value.commitMetadata(valueAttrs);
        step.commitMetadata(Json.MAPPER.createObjectNode());
        if (time != null) {
          time.commitMetadata(info.timeUnit() == null ? Json.MAPPER.createObjectNode()
              : Json.MAPPER.createObjectNode().put("unit", info.timeUnit()));
        }
      }
      for (String g = p; g.contains("/"); g = g.substring(0, g.lastIndexOf('/'))) {
        groups.add(g);
      }
      groups.add("observables");
    }
    for (String g : groups.descendingSet()) {
      ZarrGroup.create(hierarchy, g, Json.MAPPER.createObjectNode());
    }
  }
}
