package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarr.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares a reader's observables with what zarr-python (or h5py) reads via dump_observables.py,
 * and two readers' observables with each other.
 */
final class ObservableCheck {
  private ObservableCheck() {}

  /** Python's view of the observables of {@code file} (a Zarr directory or an HDF5 file). */
  static JsonNode dump(String file) throws IOException {
    TestEnvironment.requirePython("h5py", "zarr", "numpy");
    return Json.MAPPER.readTree(TestEnvironment.python(TestEnvironment.bundledScript("dump_observables.py"), file));
  }

  private static long[] longs(JsonNode n) {
    long[] out = new long[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asLong();
    }
    return out;
  }

  private static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** Every observable of {@code r}: description, all samples, and per frame (whole and strided ranges). */
  static void compare(String label, TrajectoryReader r, JsonNode ref) throws IOException {
    List<String> paths = new ArrayList<>();
    ref.fieldNames().forEachRemaining(paths::add);
    assertEquals(new TreeSet<>(paths), new TreeSet<>(r.info().observables()), label + ": observable paths");
    assertEquals(paths.size(), r.info().observableInfos().size(), label + ": described observables");
    for (Iterator<String> it = ref.fieldNames(); it.hasNext();) {
      String path = it.next();
      String where = label + " observables/" + path;
      JsonNode e = ref.get(path);
      ObservableInfo info = r.info().observableInfo(path).orElseThrow();
      int[] shape = new int[e.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.get("shape").get(i).asInt();
      }
      assertArrayEquals(shape, info.shape(), where);
      assertEquals(e.get("time_dependent").asBoolean(), info.timeDependent(), where);
      assertEquals(e.get("integral").asBoolean(), info.integral(), where);
      assertEquals(text(e.get("unit")), info.unit(), where);
      assertEquals(text(e.get("time_unit")), info.timeUnit(), where);
      int n = e.get("samples").asInt();
      assertEquals(n, info.samples(), where);
      double[] values = doubles(e.get("values"));
      long[] steps = e.get("steps").isNull() ? null : longs(e.get("steps"));
      double[] times = e.get("times").isNull() ? null : doubles(e.get("times"));

      ObservableSeries all = r.observableSamples(path, 0, n);
      assertArrayEquals(values, all.values(), where + " values");
      assertArrayEquals(steps, all.steps(), where + " steps");
      assertEquals(times != null, all.hasTime(), where + " has time");
      for (int i = 0; times != null && i < n; i++) {
        assertEquals(times[i], all.time(i), where + " time " + i);
      }
      int per = info.valuesPerSample();
      int frames = r.info().frames();
      for (FrameRange range : List.of(FrameRange.of(0, frames), new FrameRange(Math.min(1, frames), frames, 2))) {
        ObservableBlock b = r.observable(path, range);
        assertEquals(range.size(), b.frameCount(), where);
        for (int i = 0; i < range.size(); i++) {
          int frame = range.frame(i);
          int sample = steps == null ? 0 : Arrays.binarySearch(steps, r.info().step(frame));
          String at = where + " frame " + frame + " (step " + r.info().step(frame) + ")";
          if (sample < 0) {
            assertFalse(b.has(i), at + " has no sample");
            assertNull(b.value(i), at);
          } else {
            assertTrue(b.has(i), at);
            assertArrayEquals(Arrays.copyOfRange(values, sample * per, sample * per + per), b.value(i), at);
          }
        }
      }
    }
  }

  /** {@code copy} holds the observables of {@code source}, sample by sample and frame by frame. */
  static void sameObservables(String label, TrajectoryReader source, TrajectoryReader copy) throws IOException {
    assertEquals(source.info().observableInfos(), copy.info().observableInfos(), label + ": descriptions");
    for (ObservableInfo info : source.info().observableInfos()) {
      String where = label + " observables/" + info.path();
      ObservableSeries a = source.observableSamples(info.path(), 0, info.samples());
      ObservableSeries b = copy.observableSamples(info.path(), 0, info.samples());
      assertArrayEquals(a.values(), b.values(), where + " values");
      assertArrayEquals(a.steps(), b.steps(), where + " steps");
      assertEquals(a.hasTime(), b.hasTime(), where);
      for (int i = 0; a.hasTime() && i < a.count(); i++) {
        assertEquals(a.time(i), b.time(i), where + " time " + i);
      }
      FrameRange all = FrameRange.of(0, source.info().frames());
      ObservableBlock fa = source.observable(info.path(), all);
      ObservableBlock fb = copy.observable(info.path(), all);
      assertArrayEquals(fa.values(), fb.values(), where + " per frame");
      for (int i = 0; i < fa.frameCount(); i++) {
        assertEquals(fa.has(i), fb.has(i), where + " frame " + i);
      }
    }
  }
}
