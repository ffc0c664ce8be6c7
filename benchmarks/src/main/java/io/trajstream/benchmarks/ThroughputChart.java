package io.trajstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Throughput against chunk length or I/O threads (log axis), one line per series (per thread
 * count, or per part size), as a small PNG.
 */
public final class ThroughputChart {
  private ThroughputChart() {}

  /** Writes {@code series} (name → chunk frames → MB/s) to {@code png}. */
  public static void write(Path png, String title, Map<String, SortedMap<Integer, Double>> series) throws IOException {
    write(png, title, "frames per chunk", series);
  }

  /** Writes {@code series} (name → x → MB/s) to {@code png}, with {@code xTitle} under the x axis. */
  public static void write(Path png, String title, String xTitle, Map<String, SortedMap<Integer, Double>> series)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(760).height(440).title(title)
        .xAxisTitle(xTitle).yAxisTitle("MB/s (decoded positions)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    chart.getStyler().setAntiAlias(true);
    chart.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
    for (Map.Entry<String, SortedMap<Integer, Double>> e : series.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
      double[] y = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("(?i)\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
  }

  /** The sweep's points as one series per thread count. */
  public static Map<String, SortedMap<Integer, Double>> byThreads(List<SweepPoint> points) {
    Map<String, SortedMap<Integer, Double>> m = new TreeMap<>((a, b) -> Integer.compare(threadsOf(a), threadsOf(b)));
    for (SweepPoint p : points) {
      m.computeIfAbsent(p.threads() + (p.threads() == 1 ? " thread" : " threads"), k -> new TreeMap<>())
          .put(p.chunkFrames(), p.megabytesPerSecond());
    }
    return m;
  }

  /**
   * A read-only sweep's points as one series per part size (and compute thread count, when the
   * sweep had several) over the I/O thread count.
   */
  public static Map<String, SortedMap<Integer, Double>> byIoThreads(List<ReadSweepPoint> points) {
    boolean severalThreadCounts = points.stream().map(ReadSweepPoint::threads).distinct().count() > 1;
    Map<String, SortedMap<Integer, Double>> m = new LinkedHashMap<>();
    for (ReadSweepPoint p : points) {
      String name = (severalThreadCounts ? p.threads() + (p.threads() == 1 ? " thread, " : " threads, ") : "")
          + "part size " + p.partSize().label();
      m.computeIfAbsent(name, k -> new TreeMap<>()).put(p.ioThreads(), p.megabytesPerSecond());
    }
    return m;
  }

  /** The leading number of a series name like {@code "4 threads"}. */
  static int threadsOf(String name) {
    String digits = name.replaceAll("^(\\d+).*$", "$1");
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
