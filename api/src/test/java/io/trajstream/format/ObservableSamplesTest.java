package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rules writers apply to successive batches of one observable, with the messages they give. */
class ObservableSamplesTest {
  private static final ObservableInfo E = new ObservableInfo("energy/total", new int[0], "kJ/mol", true, 2, false, "ps");

  private static ObservableSeries batch(ObservableInfo info, long[] steps, double[] times) {
    return new ObservableSeries(info, 0, steps, times, new double[steps.length * Math.max(1, info.valuesPerSample())]);
  }

  private static void assertMessage(Runnable r, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
  }

  @Test
  void stepsIncreaseAcrossBatchesAndFromWhereStoredSamplesEnded() {
    ObservableSamples s = new ObservableSamples("out.h5md", batch(E, new long[] {0, 10}, new double[] {0, 1}));
    ObservableSeries first = batch(E, new long[] {0, 10}, new double[] {0, 1});
    assertEquals(2, s.check(first));
    s.stored(first);
    assertMessage(() -> s.check(batch(E, new long[] {10, 20}, new double[] {1, 2})),
        "out.h5md", "energy/total", "steps must increase, got 10 after 10");
    assertEquals(1, s.check(batch(E, new long[] {20}, new double[] {2})));
    assertEquals(0, s.check(batch(E, new long[0], new double[0])), "an empty batch is checked and has no samples");

    ObservableSamples resumed = new ObservableSamples("run.zarrmd", first);
    resumed.resumeAfter(50);
    assertMessage(() -> resumed.check(batch(E, new long[] {50}, new double[] {5})), "got 50 after 50");
  }

  @Test
  void everyBatchIsOfTheFirstBatchsKind() {
    ObservableSamples s = new ObservableSamples("out.h5md", batch(E, new long[] {0}, new double[] {0}));
    assertMessage(() -> s.check(batch(E, new long[] {5}, null)), "energy/total has times, these samples none");
    ObservableInfo vector = new ObservableInfo("energy/total", new int[] {3}, "kJ/mol", true, 1, false, "ps");
    assertMessage(() -> s.checkNext(batch(vector, new long[] {5}, new double[] {1})), "energy/total was", "now");
    ObservableSamples noTimes = new ObservableSamples("out.h5md", batch(E, new long[] {0}, null));
    assertMessage(() -> noTimes.check(batch(E, new long[] {5}, new double[] {1})), "has no times, these samples do");

    ObservableInfo fixed = new ObservableInfo("charge", new int[] {2}, null, false, 1, false, null);
    ObservableSeries once = new ObservableSeries(fixed, 0, null, null, new double[] {1, 2});
    ObservableSamples f = new ObservableSamples("out.h5md", once);
    assertMessage(() -> f.checkNext(once), "time-independent observable charge given twice");
  }

  @Test
  void pathsArePlainSegments() {
    for (String bad : new String[] {"", "/abs", "trailing/", "a//b"}) {
      ObservableInfo info = new ObservableInfo(bad, new int[0], null, true, 1, false, null);
      assertMessage(() -> new ObservableSamples("out.h5md", batch(info, new long[] {0}, null)),
          "out.h5md: bad observable path '" + bad + "'");
    }
  }
}
