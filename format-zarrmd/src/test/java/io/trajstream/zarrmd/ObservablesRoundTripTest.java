package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H5MD converted to zarrmd keeps every observable: read back equal by our reader, and zarr-python
 * reads the written observables as h5py reads the source's.
 */
class ObservablesRoundTripTest {
  static TrajectoryReader h5md(Path data, String rel) throws Exception {
    return new H5mdFormat().open(new FileStore(data), rel, ReadOptions.defaults().with("index", "none"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md",
      "mdanalysis/coordinates/test.h5md", "zarrtraj/COORDINATES_SYNTHETIC_H5MD.h5md"})
  void convertKeepsEveryObservable(String rel, @TempDir Path tmp) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    FileStore out = new FileStore(tmp);
    try (TrajectoryReader src = h5md(data, rel)) {
      assertFalse(src.info().observableInfos().isEmpty(), rel + " has observables");
      new TrajectoryCopier(0, null).convert(src, out, "out.zarrmd", WriteOptions.defaults().with("chunk-frames", "2"));
      try (TrajectoryReader copy = new ZarrmdFormat().open(out, "out.zarrmd", ReadOptions.defaults())) {
        ObservableCheck.sameObservables(rel, src, copy);
      }
    }
    JsonNode h5py = ObservableCheck.dump(data.resolve(rel).toString());
    JsonNode zarr = ObservableCheck.dump(tmp.resolve("out.zarrmd").toString());
    assertEquals(h5py, zarr, rel + ": zarr-python reads the written observables as h5py reads the source's");
  }

  /** Samples are copied in their own steps: VARIED_STEPS' obsv2 sample at step 5 is no frame, yet survives. */
  @Test
  void samplesBeyondTheFramesSurvive(@TempDir Path tmp) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    FileStore out = new FileStore(tmp);
    try (TrajectoryReader src = h5md(data, "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md")) {
      new TrajectoryCopier(0, null).convert(src, out, "v.zarrmd", WriteOptions.defaults());
    }
    try (TrajectoryReader copy = new ZarrmdFormat().open(out, "v.zarrmd", ReadOptions.defaults())) {
      assertEquals(5, copy.info().frames(), "frames at steps 0..4");
      ObservableSeries s = copy.observableSamples("obsv2", 0, 3);
      assertEquals(5L, s.step(2));
      assertEquals(8.0, s.values()[2]);
      assertTrue(copy.info().observableInfo("obsv2").orElseThrow().integral(), "integers stay integers");
    }
  }

  @Test
  void withoutObservablesWhenAsked(@TempDir Path tmp) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    FileStore out = new FileStore(tmp);
    try (TrajectoryReader src = h5md(data, "mdanalysis/cobrotoxin.h5md")) {
      new TrajectoryCopier(0, null).observables(false).convert(src, out, "c.zarrmd", WriteOptions.defaults());
    }
    try (TrajectoryReader copy = new ZarrmdFormat().open(out, "c.zarrmd", ReadOptions.defaults())) {
      assertTrue(copy.info().observables().isEmpty());
    }
  }

  /** Appending frames and samples to a written zarrmd continues each observable; a time-independent one must match. */
  @Test
  void appendContinuesObservables(@TempDir Path tmp) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    FileStore out = new FileStore(tmp);
    ZarrmdFormat zarrmd = new ZarrmdFormat();
    try (TrajectoryReader src = h5md(data, "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md")) {
      EnumSet<Field> fields = EnumSet.copyOf(src.info().fields());
      for (int part = 0; part < 2; part++) {
        WriteOptions o = WriteOptions.defaults().with("chunk-frames", "2").with("append", Boolean.toString(part == 1));
        try (TrajectoryWriter w = zarrmd.create(out, "a.zarrmd", src.info(), o)) {
          w.append(src.read(part == 0 ? FrameRange.of(0, 3) : FrameRange.of(3, 5), AtomSelection.all(), fields));
          for (ObservableInfo info : src.info().observableInfos()) {
            if (!info.timeDependent()) {
              w.appendObservable(src.observableSamples(info.path(), 0, 1));
            } else if (!info.path().endsWith("obsv1")) { // obsv1 has a fixed step: it cannot be appended to
              w.appendObservable(src.observableSamples(info.path(), part == 0 ? 0 : 2, part == 0 ? 2 : info.samples()));
            } else if (part == 0) {
              w.appendObservable(src.observableSamples(info.path(), 0, info.samples()));
            }
          }
        }
      }
      try (TrajectoryReader copy = zarrmd.open(out, "a.zarrmd", ReadOptions.defaults())) {
        assertEquals(5, copy.info().frames());
        ObservableCheck.sameObservables("appended", src, copy);
      }
      // a differing time-independent observable is refused when appending
      ObservableInfo occ = src.info().observableInfo("occupancy").orElseThrow();
      double[] other = new double[occ.valuesPerSample()];
      try (TrajectoryWriter w = zarrmd.create(out, "a.zarrmd", src.info(), WriteOptions.defaults().with("append", "true"))) {
        assertThrows(RuntimeException.class, () -> w.appendObservable(new ObservableSeries(occ, 0, null, null, other)));
        w.abort();
      }
    }
  }
}
