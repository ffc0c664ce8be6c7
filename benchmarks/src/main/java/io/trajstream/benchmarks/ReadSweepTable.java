package io.trajstream.benchmarks;

import java.util.List;
import java.util.Locale;

/** Formats a read-only sweep's results as a markdown table, one row per cell. */
public final class ReadSweepTable {
  private ReadSweepTable() {}

  public static String markdown(List<ReadSweepPoint> points) {
    StringBuilder b = new StringBuilder();
    b.append("| threads | io threads | part size | MB/s | frames/s | open ms | requests/open | requests/read | MB fetched |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ReadSweepPoint p : points) {
      ReadMeasurement m = p.measurement();
      b.append(String.format(Locale.ROOT, "| %d | %d | %s | %.1f | %.0f | %.1f | %d | %d | %.2f |%n", p.threads(),
          p.ioThreads(), p.partSize().label(), m.megabytesPerSecond(), m.framesPerSecond(), m.openNanos() / 1e6,
          m.openRequests(), m.readRequests(), (m.openBytes() + m.readBytes()) / 1e6));
    }
    return b.toString();
  }
}
