package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.FormatException;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Observables of the shared H5MD files read as h5py reads them, per sample and per frame. */
class ObservablesTest {
  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "zarrtraj/COORDINATES_SYNTHETIC_H5MD.h5md",
      "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md", "mdanalysis/coordinates/test.h5md"})
  void readAsH5pyReadsThem(String rel) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    var ref = ObservableCheck.dump(data.resolve(rel).toString());
    assertFalse(ref.isEmpty(), rel + " has observables");
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(data), rel, ReadOptions.defaults().with("index", "none"))) {
      ObservableCheck.compare(rel, r, ref);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md"})
  void readTheSameThroughAKerchunkIndex(String rel, @TempDir Path dir) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    var ref = ObservableCheck.dump(data.resolve(rel).toString());
    Path copy = dir.resolve(Path.of(rel).getFileName());
    Files.copy(data.resolve(rel), copy);
    FileStore fs = new FileStore(dir);
    String key = copy.getFileName().toString();
    new KerchunkIndexWriter().writeBeside(fs, key, key);
    try (TrajectoryReader r = new H5mdFormat().open(fs, key, ReadOptions.defaults())) {
      assertTrue(r.info().attributes().containsKey("index"), "opened through the index");
      ObservableCheck.compare(rel + " (index)", r, ref);
    }
  }

  /** zarrtraj's VARIED_STEPS: obsv1 has fixed step 2 from offset 1, so of frames at steps 0..4 only 1 and 3 have it. */
  @Test
  void samplesAtOtherStepsAreAbsentNeverBorrowed() throws Exception {
    Path data = TestEnvironment.requireSharedData();
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(data), "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md",
        ReadOptions.defaults().with("index", "none"))) {
      assertArrayEquals(new long[] {0, 1, 2, 3, 4}, r.info().steps());
      for (String p : List.of("obsv1", "obsv2", "trajectory/obsv1", "trajectory/obsv2")) {
        ObservableBlock b = r.observable(p, FrameRange.of(0, 5));
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          if (b.has(i)) {
            present.add(i);
          }
        }
        assertEquals(List.of(1, 3), present, p);
        assertEquals(4.0, b.value(1)[0], p);
        assertEquals(6.0, b.value(3)[0], p);
        // the third sample (step 5) is no frame, but a copy reads it
        assertEquals(5L, r.observableSamples(p, 0, 3).step(2), p);
      }
      ObservableBlock fixed = r.observable("obsv3", FrameRange.of(0, 5));
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(new double[] {4, 6, 8}, fixed.value(i), "time-independent obsv3 holds at every frame");
      }
      assertThrows(IllegalArgumentException.class, () -> r.observable("nope", FrameRange.of(0, 1)));
      assertThrows(IndexOutOfBoundsException.class, () -> r.observable("obsv1", FrameRange.of(0, 6)));
      assertThrows(IndexOutOfBoundsException.class, () -> r.observableSamples("obsv1", 0, 4));
    }
  }

  @Test
  void aBareDatasetUnderObservablesStillFailsToOpen() throws Exception {
    Path data = TestEnvironment.requireSharedData();
    FormatException e = assertThrows(FormatException.class, () -> new H5mdFormat().open(new FileStore(data),
        "mdanalysis/cu_malformed.h5md", ReadOptions.defaults().with("index", "none")));
    assertTrue(e.getMessage().contains("observables/energy"), e.getMessage());
  }
}
