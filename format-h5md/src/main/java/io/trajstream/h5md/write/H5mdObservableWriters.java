package io.trajstream.h5md.write;

import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSamples;
import io.trajstream.format.ObservableSeries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The observables part of {@link H5mdWriter}: each observable is an H5MD element group below
 * {@code observables/} (as MDAnalysis and zarrtraj expect). A time-dependent one has {@code value}
 * ({@code [samples, shape…]}, int64 when its values are integers, else float64, chunks of about
 * 1 MiB), {@code step} (int64) and, when its samples have times, {@code time} (float64); a
 * time-independent one a contiguous {@code value} of its shape. Units as {@code unit} attributes.
 */
final class H5mdObservableWriters {
  private static final int STEP_TIME_CHUNK = H5mdWriter.STEP_TIME_CHUNK_FRAMES;

  /** The datasets of one observable. */
  private static final class One {
    ObservableSamples samples;
    HdfDataset value;
    HdfDataset step;
    HdfDataset time;
  }

  private final HdfFileBuilder file;
  private final String location;
  private final HdfFilters filters;
  private final Map<String, One> observables = new LinkedHashMap<>();

  H5mdObservableWriters(HdfFileBuilder file, String location, HdfFilters filters) {
    this.file = file;
    this.location = location;
    this.filters = filters;
  }

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
    byte[] v = encode(s.values(), info.integral());
    o.value.appendRows(v, 0, n);
    o.step.appendLongs(s.steps());
    if (o.time != null) {
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = s.time(i);
      }
      o.time.appendDoubles(t);
    }
    o.samples.stored(s);
  }

  private static byte[] encode(double[] v, boolean integral) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : v) {
      if (integral) {
        b.putLong(Math.round(x));
      } else {
        b.putDouble(x);
      }
    }
    return b.array();
  }

  private One start(ObservableSeries s) throws IOException {
    ObservableInfo info = s.info();
    String p = "observables/" + info.path();
    One o = new One();
    o.samples = new ObservableSamples(location, s);
    HdfType type = info.integral() ? HdfType.INT64 : HdfType.FLOAT64;
    int[] per = info.shape();
    if (!info.timeDependent()) {
      long[] dims = Arrays.stream(per).asLongStream().toArray();
      HdfDataset value = file.contiguous(p + "/value", type, dims, encode(s.values(), info.integral()));
      if (info.unit() != null) {
        value.attribute("unit", info.unit());
      }
      return o;
    }
    for (int d : per) {
      if (d == 0) {
        throw new IllegalArgumentException(location + ": observable " + info.path() + " has empty samples " + Arrays.toString(per));
      }
    }
    long[] row = Arrays.stream(per).asLongStream().toArray();
    int rows = (int) Math.max(1, Math.min(STEP_TIME_CHUNK, (1L << 20) / (8L * Math.max(1, info.valuesPerSample()))));
    o.value = file.chunked(p + "/value", type, row, rows, filters);
    if (info.unit() != null) {
      o.value.attribute("unit", info.unit());
    }
    o.step = file.chunked(p + "/step", HdfType.INT64, new long[0], STEP_TIME_CHUNK, filters);
    if (o.samples.hasTime()) {
      o.time = file.chunked(p + "/time", HdfType.FLOAT64, new long[0], STEP_TIME_CHUNK, filters);
      if (info.timeUnit() != null) {
        o.time.attribute("unit", info.timeUnit());
      }
    }
    return o;
  }

  /** Nothing is pending beyond what the file builder finishes; kept for symmetry with the writer. */
  void finish() {
    // chunks and indexes are completed by HdfFileBuilder.finish()
  }
}
