package io.trajstream.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Frames at regular steps and times are computed, so a trajectory may declare billions of them. */
class RegularFramesTest {
  @Test
  void billionFramesNeedNoPerFrameArrays() {
    int frames = 1_000_000_000;
    TrajectoryInfo info = TrajectoryInfo.builder("zarrmd", 10, StepSeries.fixed(100, 50, frames)).timeSeries(TimeSeries.fixed(0.5, 0.1, frames)).build();
    assertEquals(frames, info.frames());
    assertTrue(info.stepSeries() instanceof StepSeries.Fixed);
    assertEquals(100, info.step(0));
    assertEquals(100 + (frames - 1L) * 50, info.step(frames - 1));
    assertTrue(info.hasTime());
    assertEquals(0.5 + (frames - 1) * 0.1, info.time(frames - 1));
    assertThrows(IndexOutOfBoundsException.class, () -> info.step(frames));
    assertThrows(IndexOutOfBoundsException.class, () -> info.time(-1));
    TrajectoryInfo copy = info.toBuilder().build();
    assertEquals(info.step(frames - 1), copy.step(frames - 1));
    assertEquals(info.time(7), copy.time(7));
  }

  @Test
  void smallRegularInfoEqualsTheExplicitOne() {
    TrajectoryInfo regular = TrajectoryInfo.builder("x", 1, StepSeries.fixed(10, 5, 4)).build();
    TrajectoryInfo explicit = TrajectoryInfo.builder("x", 1, new long[] {10, 15, 20, 25}).build();
    assertArrayEquals(explicit.steps(), regular.steps());
    assertFalse(regular.hasTime());
    assertTrue(Double.isNaN(regular.time(2)));
    TrajectoryInfo explicitTimes = regular.toBuilder().times(new double[] {1, 2, 3, 4}).build();
    assertEquals(3, explicitTimes.time(2));
  }
}
