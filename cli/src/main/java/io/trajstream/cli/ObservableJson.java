package io.trajstream.cli;

import io.trajstream.JsonWriter;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;

/**
 * Writes observables into the JSON of {@code trajstream frames --observables}: per frame an object
 * from path to value — a number for a scalar, nested arrays for other shapes, null where the
 * observable has no sample at the frame's step — and once the units of those that have one.
 */
final class ObservableJson {
  private ObservableJson() {}

  /** {@code "observable_units":{path: unit}} for the observables with a unit. */
  static void units(JsonWriter w, TrajectoryInfo info) {
    w.name("observable_units").beginObject();
    for (ObservableInfo o : info.observableInfos()) {
      if (o.unit() != null) {
        w.name(o.path()).value(o.unit());
      }
    }
    w.endObject();
  }

  /** {@code "observables":{path: value|null}} at {@code frame}. */
  static void frame(JsonWriter w, TrajectoryReader r, int frame) throws IOException {
    w.name("observables").beginObject();
    for (ObservableInfo o : r.info().observableInfos()) {
      ObservableBlock b = r.observable(o.path(), FrameRange.single(frame));
      w.name(o.path());
      double[] v = b.value(0);
      if (v == null) {
        w.nullValue();
      } else {
        nested(w, v, 0, o.shape(), 0, o.integral());
      }
    }
    w.endObject();
  }

  /** Writes the values of dimension {@code dim} onwards, from {@code at}; returns the next index. */
  private static int nested(JsonWriter w, double[] v, int at, int[] shape, int dim, boolean integral) {
    if (dim == shape.length) {
      if (integral) {
        w.value(Math.round(v[at]));
      } else {
        w.value(v[at]);
      }
      return at + 1;
    }
    w.beginArray();
    for (int i = 0; i < shape[dim]; i++) {
      at = nested(w, v, at, shape, dim + 1, integral);
    }
    w.endArray();
    return at;
  }
}
