package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.net.NginxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trajstream bench} on tiny trajectories: table, plot, recommendation, clean-up; and on
 * trajectories that exist, read-only.
 */
class BenchCommandTest {
  @TempDir Path dir;

  /** Every file and directory below {@code root} with its size and modification time. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        m.put(root.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }

  /** The table rows of a read-only sweep: "threads | io threads | part size" → requests/read. */
  private static Map<String, Long> readRows(String out) {
    Map<String, Long> rows = new TreeMap<>();
    Pattern row = Pattern.compile("\\| (\\d+) \\| (\\d+) \\| (\\S+) \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| \\d+ \\| (\\d+) \\| [0-9.]+ \\|");
    for (String line : out.lines().toList()) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        assertNull(rows.put(m.group(1) + "|" + m.group(2) + "|" + m.group(3), Long.parseLong(m.group(4))), line);
      }
    }
    return rows;
  }

  @Test
  void anH5mdOnAStaticWebServerIsMeasuredReadOnlyAcrossIoThreadsAndPartSizes() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    // written by MDAnalysis: 19 385 atoms x 3 frames, one uncompressed 233 kB chunk per frame and field
    Files.copy(TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.h5md"), served.resolve("cobrotoxin.h5md"));
    Map<String, String> before = snapshot(served);
    Path png = dir.resolve("read.png");
    try (NginxServer nginx = NginxServer.start(served)) {
      String url = nginx.url("cobrotoxin.h5md");
      // before: "UnsupportedOperationException: … HTTP stores are read-only" (it wrote synthetic data below URL)
      CliRun r = CliRun.of("bench", url, "--threads", "1", "--io-threads", "1,2", "--part-size", "64KB,none",
          "--repeats", "1", "--plot", png.toString());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().startsWith(url + ": h5md, 19385 atoms x 3 frames, read only"), r.out());
      Map<String, Long> rows = readRows(r.out());
      assertEquals(Set.of("1|1|64KB", "1|1|none", "1|2|64KB", "1|2|none"), rows.keySet(), r.out());
      // This small file is served whole by the reader's 1 MiB head read at open, so its reads send
      // no request whatever the part size; that parts reach the requests is VectoredReadPartsTest's.
      assertTrue(r.out().contains("recommended: --threads 1 --io-threads "), r.out());
      assertTrue(r.out().contains("trajstream analyze rg " + url + " --threads 1 --io-threads "), r.out());
      assertTrue(Files.size(png) > 1000);

      // a recommended --part-size is accepted by the commands that read
      CliRun analyze = CliRun.of("analyze", "rg", url, "--quiet", "--io-threads", "2", "--part-size", "64KB");
      assertEquals(0, analyze.exitCode(), analyze.err());
      assertEquals(0, CliRun.of("frames", "--json", url, "--frames", "0", "--part-size", "none").exitCode());
      assertEquals(TrajStreamCommand.USAGE, CliRun.of("frames", "--json", url, "--frames", "0", "--part-size", "lots").exitCode());
    }
    assertEquals(before, snapshot(served), "nothing written beside the trajectory");
  }

  @Test
  void partSizesReachTheRequestsOfALargerFileOnAStaticWebServer() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    // 3000 atoms x 100 frames, uncompressed 50-frame chunks of 1.8 MB: beyond the 1 MiB head read
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(3000).frames(100).seed(5).build();
    try (FileStore store = new FileStore(served)) {
      synthetic.writeTo(TrajStream.create().format("h5md"), store, "big.h5md",
          WriteOptions.of(Map.of("chunk-frames", "50", "compression", "none")), 25);
    }
    try (NginxServer nginx = NginxServer.start(served)) {
      String url = nginx.url("big.h5md");
      CliRun r = CliRun.of("bench", url, "--threads", "1", "--io-threads", "4", "--part-size", "256KB,none",
          "--repeats", "1");
      assertEquals(0, r.exitCode(), r.err());
      System.out.println(r.out());
      Map<String, Long> rows = readRows(r.out());
      long parted = rows.get("1|4|256KB");
      long whole = rows.get("1|4|none");
      // a 1.8 MB chunk goes out as about seven 256 KB parts, or as one request without parts
      // (seen: 14 requests per read against 2)
      assertTrue(parted >= whole + 10, "requests per read: 256KB parts " + parted + ", none " + whole + "\n" + r.out());
    }
  }

  @Test
  void aLocalTrajectoryIsOnlyReadEvenWhereWritingWouldWork() throws Exception {
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(50).frames(24).seed(3).build();
    try (FileStore store = new FileStore(dir)) {
      synthetic.writeTo(TrajStream.create().format("zarrmd"), store, "run.zarrmd",
          WriteOptions.of(Map.of("chunk-frames", "4")), 8);
    }
    Map<String, String> before = snapshot(dir);
    CliRun r = CliRun.of("bench", dir.resolve("run.zarrmd").toString(), "--threads", "1,2", "--io-threads", "1,3",
        "--part-size", "auto,1MB", "--frames", "10", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("zarrmd, 50 atoms x 10 frames (of 24), read only"), r.out());
    assertEquals(8, readRows(r.out()).size(), r.out());
    assertTrue(r.out().contains("recommended: --threads "), r.out());
    assertEquals(before, snapshot(dir), "a read-only measurement writes nothing, even to a writable store");

    CliRun wrongKind = CliRun.of("bench", dir.resolve("run.zarrmd").toString(), "--chunk-frames", "5");
    assertEquals(TrajStreamCommand.USAGE, wrongKind.exitCode(), wrongKind.err());
    assertTrue(wrongKind.err().contains("--chunk-frames"), wrongKind.err());
  }

  @Test
  void aReadOnlyLocationWithoutATrajectoryIsAClearError() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    try (NginxServer nginx = NginxServer.start(served)) {
      CliRun r = CliRun.of("bench", nginx.url("scratch/"), "--threads", "1", "--repeats", "1");
      assertEquals(TrajStreamCommand.FAILURE, r.exitCode(), r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
      assertTrue(r.err().contains("read-only") && r.err().contains("give the URL of a trajectory"), r.err());
      assertFalse(r.err().contains("UnsupportedOperationException"), r.err());
    }
    try (Stream<Path> s = Files.walk(served)) {
      assertEquals(1, s.count(), "nothing written");
    }
  }

  @Test
  void syntheticSweepPrintsATableAPlotAndARecommendation() throws Exception {
    Path png = dir.resolve("bench.png");
    CliRun r = CliRun.of("bench", "--synthetic", "--chunk-frames", "2,5", "--threads", "1,2", "--atoms", "30",
        "--frames", "20", "--repeats", "1", "--latency-ms", "1", "--bandwidth", "100MB", "--plot", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    long rows = r.out().lines().filter(l -> l.matches("\\| (2|5) \\| [12] \\|.*")).count();
    assertEquals(4, rows, r.out());
    assertTrue(r.out().contains("recommended: --chunk-frames "), r.out());
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void sweepOnAFileLocationDeletesWhatItWrote() throws Exception {
    CliRun r = CliRun.of("bench", dir.toString(), "--chunk-frames", "4,auto", "--threads", "1", "--atoms", "20",
        "--frames", "8", "--repeats", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("| auto (8) | 1 |"), r.out());
    try (Stream<Path> s = Files.walk(dir)) {
      assertEquals(0, s.filter(Files::isRegularFile).count(), "no objects left behind");
    }
  }

  @Test
  void needsAUrlOrSynthetic() {
    assertEquals(TrajStreamCommand.USAGE, CliRun.of("bench").exitCode());
    assertEquals(TrajStreamCommand.USAGE, CliRun.of("bench", "--synthetic", "--compressor", "brotli").exitCode());
    CliRun ioThreads = CliRun.of("bench", "--synthetic", "--io-threads", "2");
    assertEquals(TrajStreamCommand.USAGE, ioThreads.exitCode(), ioThreads.err());
    assertTrue(ioThreads.err().contains("--io-threads: not used here"), ioThreads.err());
  }
}
