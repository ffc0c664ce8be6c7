package io.trajstream.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report step on JMH JSON in the shape JMH 1.37 writes it. */
class JmhReportTest {
  @TempDir Path dir;

  private static String read(String chunk, int threads, double score, double mb, long openReq, long opens, long fetched,
      long needed) {
    return """
        {"benchmark":"io.trajstream.benchmarks.jmh.TrajectoryBenchmarks.read","mode":"thrpt","threads":1,"forks":1,
         "params":{"atoms":"1000","bandwidthMBps":"100","chunkFrames":"%s","compressor":"gzip","format":"zarrmd",
                   "frames":"200","latencyMs":"25","store":"memory","threads":"%d"},
         "primaryMetric":{"score":%s,"scoreError":0.1,"scoreUnit":"ops/s","rawData":[[1,2,3]]},
         "secondaryMetrics":{"megabytes":{"score":%s,"scoreUnit":"ops/s"},"frames":{"score":100.0,"scoreUnit":"ops/s"},
           "openRequests":{"score":%d,"scoreUnit":"#"},"opens":{"score":%d,"scoreUnit":"#"},
           "readRequests":{"score":40,"scoreUnit":"#"},
           "fetchedBytes":{"score":%d,"scoreUnit":"#"},"neededBytes":{"score":%d,"scoreUnit":"#"}}}
        """.formatted(chunk, threads, score, mb, openReq, opens, fetched, needed);
  }

  @Test
  void tableWithRatiosAndOnePlotPerStore() throws Exception {
    String json = "[" + String.join(",", read("1", 1, 1.0, 2.4, 30, 10, 1500, 1000), read("auto", 1, 2.0, 4.8, 30, 10, 1100, 1000),
        read("1", 4, 3.0, 7.2, 30, 10, 1500, 1000), read("auto", 4, 4.0, 9.6, 30, 10, 1100, 1000)) + "]";
    Path in = dir.resolve("r.json");
    Files.writeString(in, json);
    List<Path> out = JmhReport.write(in, dir.resolve("out"));
    String md = Files.readString(out.get(0));
    // auto: 12 MiB / 12000 bytes per frame = 1048 frames, capped at the 200 frames of the trajectory
    assertTrue(md.contains("| memory | zarrmd | gzip | auto (200) | 4 | 9.6 |"), md);
    assertTrue(md.contains("| 3.0 | 4.0 | 1.500 |"), "requests/open 30/10, per read 40/10, bytes 1500/1000:\n" + md);
    assertEquals(2, out.size(), "markdown and one plot for the one store");
    assertTrue(out.get(1).getFileName().toString().equals("read-memory.png"));
    assertTrue(Files.size(out.get(1)) > 1000);
  }

  @Test
  void oneIterationHasNoErrorBar() throws Exception {
    String open = """
        [{"benchmark":"io.trajstream.benchmarks.jmh.TrajectoryBenchmarks.open","mode":"avgt","threads":1,"forks":1,
          "params":{"atoms":"1000","chunkFrames":"1","compressor":"gzip","format":"zarrmd","frames":"200","store":"s3","threads":"1"},
          "primaryMetric":{"score":61234.5,"scoreError":"NaN","scoreUnit":"ms/op","rawData":[[61234.5]]},
          "secondaryMetrics":{"openRequests":{"score":801,"scoreUnit":"#"},"opens":{"score":1,"scoreUnit":"#"}}},
         {"benchmark":"io.trajstream.benchmarks.jmh.TrajectoryBenchmarks.open","mode":"avgt","threads":1,"forks":1,
          "params":{"atoms":"1000","chunkFrames":"10","compressor":"gzip","format":"zarrmd","frames":"200","store":"s3","threads":"1"},
          "primaryMetric":{"score":900.0,"scoreError":12.5,"scoreUnit":"ms/op","rawData":[[890,900,910]]},
          "secondaryMetrics":{"openRequests":{"score":243,"scoreUnit":"#"},"opens":{"score":3,"scoreUnit":"#"}}}]
        """;
    Path in = dir.resolve("o.json");
    Files.writeString(in, open);
    String md = Files.readString(JmhReport.write(in, dir.resolve("out")).get(0));
    assertTrue(md.contains("| s3 | zarrmd | gzip | 1 | 61234.50 (1 iteration) | 801.0 |"), md);
    assertTrue(md.contains("| s3 | zarrmd | gzip | 10 | 900.00 ± 12.50 | 81.0 |"), md);
  }
}
