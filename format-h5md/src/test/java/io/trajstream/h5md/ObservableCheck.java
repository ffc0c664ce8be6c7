package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.index.Json;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares a reader's observables with what h5py (or zarr-python) reads via dump_observables.py. */
final class ObservableCheck {
  private ObservableCheck() {}

  /** Python's view of the observables of {@code file} (an HDF5 file or a Zarr directory). */
  static Map<?, ?> dump(String file) throws IOException {
    TestEnvironment.requirePython("h5py", "zarr", "numpy");
    return (Map<?, ?>) Json.parse(TestEnvironment.python(TestEnvironment.bundledScript("dump_observables.py"), file));
  }

  /** Every observable of {@code r}: description, all samples, and per frame (whole and strided ranges). */
  static void compare(String label, TrajectoryReader r, Map<?, ?> ref) throws IOException {
    assertEquals(new TreeSet<>(ref.keySet()), new TreeSet<>(r.info().observables()), label + ": observable paths");
    assertEquals(ref.size(), r.info().observableInfos().size(), label + ": described observables");
    for (Map.Entry<?, ?> en : ref.entrySet()) {
      String path = (String) en.getKey();
      String where = label + " observables/" + path;
      Map<?, ?> e = (Map<?, ?>) en.getValue();
      ObservableInfo info = r.info().observableInfo(path).orElseThrow();
      assertArrayEquals(((List<?>) e.get("shape")).stream().mapToInt(o -> ((Number) o).intValue()).toArray(), info.shape(), where);
      assertEquals(e.get("time_dependent"), info.timeDependent(), where);
      assertEquals(e.get("integral"), info.integral(), where);
      assertEquals(e.get("unit"), info.unit(), where);
      assertEquals(e.get("time_unit"), info.timeUnit(), where);
      int n = ((Number) e.get("samples")).intValue();
      assertEquals(n, info.samples(), where);
      double[] values = Interop.doubles(e.get("values"));
      long[] steps = e.get("steps") == null ? null : Interop.longs(e.get("steps"));
      double[] times = e.get("times") == null ? null : Interop.doubles(e.get("times"));

      ObservableSeries all = r.observableSamples(path, 0, n);
      assertArrayEquals(values, all.values(), where + " values");
      assertArrayEquals(steps, all.steps(), where + " steps");
      assertEquals(times != null, all.hasTime(), where + " has time");
      for (int i = 0; times != null && i < n; i++) {
        assertEquals(times[i], all.time(i), where + " time " + i);
      }
      int per = info.valuesPerSample();
      if (n > 1) {
        ObservableSeries tail = r.observableSamples(path, 1, n);
        assertEquals(1, tail.first());
        assertArrayEquals(Arrays.copyOfRange(values, per, n * per), tail.values(), where + " samples 1..");
        assertEquals(steps[1], tail.step(0), where);
      }

      int frames = r.info().frames();
      for (FrameRange range : List.of(FrameRange.of(0, frames), new FrameRange(Math.min(1, frames), frames, 2))) {
        ObservableBlock b = r.observable(path, range);
        assertEquals(range.size(), b.frameCount(), where);
        for (int i = 0; i < range.size(); i++) {
          int frame = range.frame(i);
          assertEquals(frame, b.frame(i));
          int sample = steps == null ? 0 : Arrays.binarySearch(steps, r.info().step(frame));
          String at = where + " frame " + frame + " (step " + r.info().step(frame) + ")";
          if (sample < 0) {
            assertFalse(b.has(i), at + " has no sample");
            assertNull(b.value(i), at);
            for (int k = 0; k < per; k++) {
              assertTrue(Double.isNaN(b.values()[i * per + k]), at + " is NaN where absent");
            }
          } else {
            assertTrue(b.has(i), at);
            assertArrayEquals(Arrays.copyOfRange(values, sample * per, sample * per + per), b.value(i), at);
          }
        }
      }
    }
  }
}
