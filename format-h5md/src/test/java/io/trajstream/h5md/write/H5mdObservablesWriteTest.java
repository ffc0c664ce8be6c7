package io.trajstream.h5md.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Observables written by the H5MD writer, read back by our reader and compared with h5py's reading. */
class H5mdObservablesWriteTest {
  @TempDir Path dir;

  private static final ObservableInfo ENERGY = new ObservableInfo("thermo/energy", new int[] {2}, "kJ mol-1", true, 5, false, "ps");
  private static final ObservableInfo COUNT = new ObservableInfo("count", new int[0], null, true, 5, true, null);
  private static final ObservableInfo CELL = new ObservableInfo("cell", new int[] {3}, "nm", false, 1, false, null);

  private void write(String name, String compressor) throws IOException {
    TrajectoryInfo info = TrajectoryInfo.builder("test", 1, new long[] {0, 10}).times(new double[] {0, 1}).timeUnit("ps")
        .field(Field.POSITION, "nm").build();
    try (TrajectoryWriter w = new H5mdFormat().create(new FileStore(dir), name, info,
        WriteOptions.defaults().with("compressor", compressor))) {
      FrameBlock.Builder b = FrameBlock.builder(new int[] {0, 1}, new int[] {0});
      b.step(0, 0).time(0, 0).step(1, 10).time(1, 1).set(Field.POSITION, 0, new float[] {1, 2, 3}, 0)
          .set(Field.POSITION, 1, new float[] {4, 5, 6}, 0);
      w.append(b.build());
      // samples at steps that are no frame survive; given in two pieces
      w.appendObservable(new ObservableSeries(ENERGY, 0, new long[] {0, 5, 10}, new double[] {0, 0.5, 1},
          new double[] {1.5, -2, 3.25, 4, 5, 6}));
      w.appendObservable(new ObservableSeries(ENERGY, 3, new long[] {15, 20}, new double[] {1.5, 2}, new double[] {7, 8, 9, 10}));
      w.appendObservable(new ObservableSeries(COUNT, 0, new long[] {0, 2, 4, 6, 8}, null, new double[] {3, 1, 4, 1, 5}));
      w.appendObservable(new ObservableSeries(CELL, 0, null, null, new double[] {2.5, 3.5, 4.5}));
    }
  }

  @Test
  void ourReaderAndH5pyReadTheObservablesWritten() throws IOException {
    for (String compressor : List.of("gzip:3", "none")) {
      String name = "obs-" + compressor.replace(':', '_') + ".h5md";
      write(name, compressor);
      try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), name, ReadOptions.defaults().with("index", "none"))) {
        assertEquals(ENERGY, r.info().observableInfo("thermo/energy").orElseThrow());
        assertEquals(COUNT, r.info().observableInfo("count").orElseThrow());
        assertEquals(CELL, r.info().observableInfo("cell").orElseThrow());
        ObservableSeries e = r.observableSamples("thermo/energy", 0, 5);
        assertArrayEquals(new long[] {0, 5, 10, 15, 20}, e.steps());
        assertArrayEquals(new double[] {1.5, -2, 3.25, 4, 5, 6, 7, 8, 9, 10}, e.values());
        assertEquals(1.5, e.time(3));
        assertArrayEquals(new double[] {3, 1, 4, 1, 5}, r.observableSamples("count", 0, 5).values());
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, r.observableSamples("cell", 0, 1).values());
        if (TestEnvironment.hasPython("h5py", "numpy") || TestEnvironment.isCi()) {
          io.trajstream.h5md.ObservablesAccess.compareWithH5py(name, dir.resolve(name), r);
        }
      }
    }
  }

  @Test
  void anObservableThatChangesShapeIsRefused() throws IOException {
    TrajectoryInfo info = TrajectoryInfo.builder("test", 1, new long[0]).field(Field.POSITION, "nm").build();
    TrajectoryWriter w = new H5mdFormat().create(new FileStore(dir), "shape.h5md", info, WriteOptions.defaults());
    w.appendObservable(new ObservableSeries(ENERGY, 0, new long[] {0}, new double[] {0}, new double[] {1, 2}));
    ObservableInfo other = new ObservableInfo("thermo/energy", new int[] {3}, "kJ mol-1", true, 1, false, "ps");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> w.appendObservable(new ObservableSeries(other, 1, new long[] {5}, new double[] {1}, new double[] {1, 2, 3})));
    assertTrue(ex.getMessage().contains("shape.h5md") && ex.getMessage().contains("thermo/energy"), ex.getMessage());
    w.abort();
  }
}
