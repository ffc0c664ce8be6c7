package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Observable descriptions, samples and their placement at frames; the SPI defaults. */
class ObservablesApiTest {
  private static final ObservableInfo VEC = new ObservableInfo("g/v", new int[] {2}, "eV", true, 3, false, "ps");

  @Test
  void samplesGoToTheFramesWithTheirStepAndNowhereElse() {
    ObservableSeries s = new ObservableSeries(VEC, 0, new long[] {1, 3, 5}, new double[] {.1, .3, .5}, new double[] {10, 11, 30, 31, 50, 51});
    ObservableBlock b = ObservableBlock.align(s, new int[] {0, 1, 2, 3, 4}, new long[] {0, 1, 2, 3, 4});
    assertFalse(b.has(0));
    assertNull(b.value(0));
    assertTrue(Double.isNaN(b.values()[0]));
    assertArrayEquals(new double[] {10, 11}, b.value(1));
    assertFalse(b.has(2));
    assertArrayEquals(new double[] {30, 31}, b.value(3));
    assertFalse(b.has(4), "step 4 has no sample: never the neighbour's");
    assertEquals(2, b.valuesPerFrame());
  }

  @Test
  void aTimeIndependentObservableHoldsAtEveryFrame() {
    ObservableInfo fixed = new ObservableInfo("occupancy", new int[] {2, 2}, null, false, 1, false, null);
    ObservableBlock b = ObservableBlock.align(new ObservableSeries(fixed, 0, null, null, new double[] {1, 2, 3, 4}),
        new int[] {7, 9}, new long[] {70, 90});
    assertArrayEquals(new double[] {1, 2, 3, 4}, b.value(0));
    assertArrayEquals(new double[] {1, 2, 3, 4}, b.value(1));
    assertEquals(9, b.frame(1));
  }

  @Test
  void inconsistentSamplesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ObservableSeries(VEC, 0, new long[] {1, 1}, null, new double[4]));
    assertThrows(IllegalArgumentException.class, () -> new ObservableSeries(VEC, 0, new long[] {1}, null, new double[4]));
    assertThrows(IllegalArgumentException.class, () -> new ObservableSeries(VEC, 0, null, null, new double[2]));
    assertThrows(IllegalArgumentException.class, () -> new ObservableInfo("x", new int[0], null, false, 2, false, null));
  }

  @Test
  void infoCarriesDescriptionsAndKeepsPathOnlyObservables() {
    TrajectoryInfo info = TrajectoryInfo.builder("t", 1, new long[] {0}).observable("listed/only").observable(VEC).build();
    assertEquals(java.util.List.of("listed/only", "g/v"), info.observables());
    assertEquals(java.util.List.of(VEC), info.observableInfos());
    assertEquals(VEC, info.toBuilder().build().observableInfo("g/v").orElseThrow());
    assertTrue(info.observableInfo("listed/only").isEmpty());
  }

  @Test
  void readersAndWritersWithoutObservablesSayWhichFormat() {
    TrajectoryInfo info = TrajectoryInfo.builder("plain", 1, new long[] {0}).build();
    TrajectoryReader r = new TrajectoryReader() {
      @Override
      public TrajectoryInfo info() {
        return info;
      }

      @Override
      public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) {
        throw new AssertionError();
      }

      @Override
      public void close() {}
    };
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> r.observable("a", FrameRange.single(0)));
    assertTrue(e.getMessage().contains("plain"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> r.observableSamples("a", 0, 1));
    TrajectoryWriter w = new TrajectoryWriter() {
      @Override
      public void append(FrameBlock block) {}

      @Override
      public int framesWritten() {
        return 0;
      }

      @Override
      public void close() {}

      @Override
      public void abort() {}
    };
    assertThrows(UnsupportedOperationException.class, () -> w.appendObservable(
        new ObservableSeries(VEC, 0, new long[] {1}, null, new double[2])));
  }
}
