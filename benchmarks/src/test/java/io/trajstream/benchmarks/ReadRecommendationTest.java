package io.trajstream.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.ReadOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadRecommendationTest {
  /** A cell whose read of 100 MB took {@code seconds} with {@code requests} requests. */
  private static ReadSweepPoint cell(int threads, int io, String part, long requests, double seconds) {
    ReadMeasurement m = new ReadMeasurement(0, 1, 0, (long) (seconds * 1e9), requests, 1, 1000, 100_000_000L, 0, 0);
    return new ReadSweepPoint(threads, io, PartSize.parse(part), m);
  }

  @Test
  void prefersFewerThreadsThenFewerIoThreadsThenFewerRequestsWithinTheTolerance() {
    ReadSweepPoint fastest = cell(2, 16, "2MB", 40, 1.00);
    ReadSweepPoint fewerRequests = cell(2, 4, "none", 10, 1.06);
    List<ReadSweepPoint> points = List.of(cell(1, 1, "2MB", 40, 5), cell(1, 16, "2MB", 40, 1.5), fastest,
        cell(2, 4, "2MB", 40, 1.05), fewerRequests, cell(2, 16, "none", 10, 1.2));
    ReadRecommendation r = ReadRecommendation.from(points);
    assertSame(fastest, r.fastest());
    assertSame(fewerRequests, r.choice());
    assertTrue(r.partSizeMatters());
    assertEquals("--threads 2 --io-threads 4 --part-size none", r.flags());
    String text = r.describe("https://host/run.h5md");
    assertTrue(text.startsWith("recommended: --threads 2 --io-threads 4 --part-size none (94.3 MB/s"), text);
    assertTrue(text.contains("trajstream analyze rg https://host/run.h5md --threads 2 --io-threads 4 --part-size none"), text);
    assertTrue(text.contains("the fastest cell (2 threads, 16 io threads, part size 2MB, 100.0 MB/s)"), text);
  }

  @Test
  void noPartSizeIsRecommendedWhenItChangedNoRequest() {
    ReadSweepPoint fastest = cell(1, 4, "8MB", 7, 1.0);
    ReadRecommendation r = ReadRecommendation.from(List.of(cell(1, 4, "2MB", 7, 1.5), fastest, cell(1, 1, "8MB", 7, 3),
        cell(1, 1, "2MB", 7, 3.1)));
    assertSame(fastest, r.choice());
    assertFalse(r.partSizeMatters());
    assertEquals("--threads 1 --io-threads 4", r.flags());
    assertTrue(r.describe("x.zarrmd").contains("the part size changed no request here"), r.describe("x.zarrmd"));
  }

  @Test
  void needsMeasurements() {
    assertThrows(IllegalArgumentException.class, () -> ReadRecommendation.from(List.of()));
  }

  @Test
  void partSizesParseAndBecomeReadOptions() {
    assertEquals(List.of(PartSize.parse("2MB"), PartSize.NONE, PartSize.AUTO), PartSize.parseList("2MB, none,auto"));
    assertEquals(2L << 20, PartSize.parse("2MB").bytes());
    assertEquals(PartSize.AUTO, PartSize.parse("0"));
    assertEquals(2 << 20, PartSize.parse("2MB").applyTo(ReadOptions.defaults()).vectoredReads().partSize());
    assertEquals(-1, PartSize.NONE.applyTo(ReadOptions.defaults()).vectoredReads().partSize());
    assertEquals(ReadOptions.defaults().asMap(), PartSize.AUTO.applyTo(ReadOptions.defaults()).asMap());
    assertEquals("--part-size 2MB", PartSize.parse("2MB").flag());
    assertEquals("", PartSize.AUTO.flag());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartSize.parse("big"));
    assertTrue(e.getMessage().contains("part-size=big"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PartSize.parseList(" , "));
  }
}
