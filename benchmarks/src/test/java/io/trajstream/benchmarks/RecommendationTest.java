package io.trajstream.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTest {
  /** A cell whose full read of 100 MB took {@code seconds}. */
  private static SweepPoint cell(int chunk, int threads, double seconds) {
    ReadMeasurement m = new ReadMeasurement(0, 1, 0, (long) (seconds * 1e9), 1, 1, 1000, 100_000_000L, 1, 0);
    return new SweepPoint(String.valueOf(chunk), chunk, threads, m);
  }

  @Test
  void prefersFewerThreadsAndShorterChunksWithinTheTolerance() {
    SweepPoint fastest = cell(100, 16, 1.00);
    SweepPoint nearlyAsFast = cell(100, 4, 1.05);
    SweepPoint shorterChunks = cell(10, 4, 1.08);
    List<SweepPoint> points = List.of(cell(1, 1, 9), cell(10, 1, 3), shorterChunks, nearlyAsFast, fastest, cell(100, 1, 2));
    Recommendation r = Recommendation.from(points);
    assertSame(fastest, r.fastest());
    assertSame(shorterChunks, r.choice());
    assertTrue(r.describe().contains("--chunk-frames 10"), r.describe());
    assertTrue(r.describe().contains("--threads 4"), r.describe());
  }

  @Test
  void takesTheFastestWhenNothingIsClose() {
    SweepPoint fastest = cell(100, 8, 1.0);
    Recommendation r = Recommendation.from(List.of(cell(1, 1, 5), fastest, cell(10, 2, 2)));
    assertSame(fastest, r.choice());
  }

  @Test
  void needsMeasurements() {
    assertThrows(IllegalArgumentException.class, () -> Recommendation.from(List.of()));
  }

  @Test
  void parsesChunkChoicesAndRates() {
    assertEquals(12L * 1024 * 1024 / 12000, ChunkFrames.resolve("auto", 12_000, 100_000));
    assertEquals(50, ChunkFrames.resolve("auto", 12, 50), "capped at the trajectory's length");
    assertEquals(10, ChunkFrames.resolve("10", 12, 50));
    assertThrows(IllegalArgumentException.class, () -> ChunkFrames.resolve("0", 12, 50));
    assertEquals(100_000_000L, ByteRate.parse("100MB"));
    assertEquals(50L * 1024 * 1024, ByteRate.parse("50MiB"));
    assertEquals(0, ByteRate.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> ByteRate.parse("fast"));
  }
}
