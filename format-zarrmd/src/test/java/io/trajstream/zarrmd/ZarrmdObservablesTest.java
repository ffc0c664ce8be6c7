package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Observables of zarrtraj's zarrmd stores read as zarr-python reads them. */
class ZarrmdObservablesTest {
  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_ZARRMD.zarrmd", "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd"})
  void readAsZarrPythonReadsThem(String rel) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    JsonNode ref = ObservableCheck.dump(data.resolve(rel).toString());
    assertTrue(ref.size() > 0, rel + " has observables");
    for (boolean consolidated : new boolean[] {true, false}) {
      try (TrajectoryReader r = new ZarrmdFormat().open(new FileStore(data), rel,
          ReadOptions.defaults().with("consolidated", Boolean.toString(consolidated)))) {
        ObservableCheck.compare(rel + (consolidated ? "" : " (unconsolidated)"), r, ref);
      }
    }
  }

  @Test
  void variedStepsObservablesAreAbsentAtFramesWithoutTheirStep() throws Exception {
    Path data = TestEnvironment.requireSharedData();
    try (TrajectoryReader r = new ZarrmdFormat().open(new FileStore(data), "zarrtraj/COORDINATES_VARIED_STEPS_ZARRMD.zarrmd",
        ReadOptions.defaults())) {
      assertArrayEquals(new long[] {0, 1, 2, 3, 4}, r.info().steps());
      ObservableBlock b = r.observable("trajectory/obsv1", FrameRange.of(0, 5));
      assertFalse(b.has(0));
      assertEquals(4.0, b.value(1)[0]);
      assertFalse(b.has(2));
      assertEquals(6.0, b.value(3)[0]);
      assertFalse(b.has(4));
      assertEquals(5L, r.observableSamples("trajectory/obsv1", 2, 3).step(0), "the sample beyond the last frame is readable");
      assertArrayEquals(new double[] {4, 6, 8}, r.observable("obsv3", FrameRange.single(4)).value(0));
    }
  }
}
