package io.trajstream.benchmarks;

import java.util.List;
import java.util.Locale;

/** Formats sweep results as a markdown table (which also reads well in a terminal). */
public final class SweepTable {
  private SweepTable() {}

  public static String markdown(List<SweepPoint> points) {
    StringBuilder b = new StringBuilder();
    b.append("| chunk frames | threads | MB/s | frames/s | open ms | requests/open | requests/read | byte amplification |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SweepPoint p : points) {
      ReadMeasurement m = p.measurement();
      String chunk = p.chunkSpec().equalsIgnoreCase("auto") ? "auto (" + p.chunkFrames() + ")" : String.valueOf(p.chunkFrames());
      b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %d | %d | %.3f |%n", chunk, p.threads(),
          m.megabytesPerSecond(), m.framesPerSecond(), m.openNanos() / 1e6, m.openRequests(), m.readRequests(),
          m.byteAmplification()));
    }
    return b.toString();
  }
}
