package io.trajstream.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.benchmarks.ChunkFrames;
import io.trajstream.benchmarks.DatasetSpec;
import io.trajstream.benchmarks.ThroughputChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report step: turns JMH's JSON results into a markdown file of tables ({@code jmh-results.md})
 * and PNG plots of read throughput against chunk length, one line per thread count, one plot per
 * store (and format and compressor, when the run had several).
 *
 * <p>usage: {@code java -cp trajstream-benchmarks-*-jmh.jar io.trajstream.benchmarks.report.JmhReport RESULTS.json OUTDIR}
 */
public final class JmhReport {
  private JmhReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: JmhReport RESULTS.json OUTDIR");
      System.exit(2);
    }
    List<Path> written = write(Path.of(args[0]), Path.of(args[1]));
    written.forEach(p -> System.out.println("wrote " + p));
  }

  /** Reads {@code json}, writes the markdown and the plots into {@code outDir}; returns the files written. */
  public static List<Path> write(Path json, Path outDir) throws IOException {
    List<JmhRecord> records = read(json);
    Files.createDirectories(outDir);
    List<Path> out = new ArrayList<>();
    StringBuilder md = new StringBuilder();
    md.append(readTable(records)).append('\n').append(openTable(records)).append('\n').append(rmsdTable(records));
    for (Map.Entry<String, Map<String, SortedMap<Integer, Double>>> e : readSeries(records).entrySet()) {
      Path png = outDir.resolve("read-" + e.getKey() + ".png");
      ThroughputChart.write(png, "read, store " + e.getKey().replace('_', ' '), e.getValue());
      md.append("\n![read throughput, ").append(e.getKey()).append("](").append(png.getFileName()).append(")\n");
      out.add(png);
    }
    Path mdFile = outDir.resolve("jmh-results.md");
    Files.writeString(mdFile, md.toString(), StandardCharsets.UTF_8);
    out.add(0, mdFile);
    return out;
  }

  public static List<JmhRecord> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<JmhRecord> out = new ArrayList<>();
    root.forEach(n -> out.add(JmhRecord.of(n)));
    return out;
  }

  private static final Comparator<JmhRecord> ORDER = Comparator
      .comparing((JmhRecord r) -> r.param("store"))
      .thenComparing(r -> r.param("format"))
      .thenComparing(r -> r.param("compressor"))
      .thenComparingInt(JmhReport::chunkFrames)
      .thenComparingInt(r -> intParam(r, "threads"));

  private static List<JmhRecord> of(List<JmhRecord> all, String method) {
    return all.stream().filter(r -> r.method().equals(method)).sorted(ORDER).toList();
  }

  /** The chunk length a record's {@code chunkFrames} parameter resolved to. */
  static int chunkFrames(JmhRecord r) {
    int atoms = intParam(r, "atoms");
    int frames = intParam(r, "frames");
    return ChunkFrames.resolve(r.param("chunkFrames").isEmpty() ? "1" : r.param("chunkFrames"),
        DatasetSpec.bytesPerFrame(Math.max(1, atoms)), Math.max(1, frames));
  }

  private static int intParam(JmhRecord r, String name) {
    try {
      return Integer.parseInt(r.param(name));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String chunkLabel(JmhRecord r) {
    return r.param("chunkFrames").equals("auto") ? "auto (" + chunkFrames(r) + ")" : r.param("chunkFrames");
  }

  static String readTable(List<JmhRecord> all) {
    List<JmhRecord> rs = of(all, "read");
    if (rs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("### read: open + read all positions\n\n");
    b.append("| store | format | compressor | chunk frames | threads | MB/s | frames/s | reads/s | requests/open | requests/read | byte amplification |\n");
    b.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (JmhRecord r : rs) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.0f | %s | %.1f | %.1f | %.3f |%n",
          r.param("store"), r.param("format"), r.param("compressor"), chunkLabel(r), r.param("threads"),
          r.metric("megabytes"), r.metric("frames"), withError(r, "%.3f"), r.ratio("openRequests", "opens"),
          r.ratio("readRequests", "opens"), r.ratio("fetchedBytes", "neededBytes")));
    }
    return b.toString();
  }

  /** The score ± its 99.9 % error in {@code format}; the score alone (one iteration: no error). */
  static String withError(JmhRecord r, String format) {
    String score = String.format(Locale.ROOT, format, r.score());
    return Double.isNaN(r.error()) ? score + " (1 iteration)"
        : score + " ± " + String.format(Locale.ROOT, format, r.error());
  }

  static String openTable(List<JmhRecord> all) {
    List<JmhRecord> rs = of(all, "open");
    if (rs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("### open: open and close\n\n");
    b.append("| store | format | compressor | chunk frames | ms/open | requests/open |\n|---|---|---|---:|---:|---:|\n");
    for (JmhRecord r : rs) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f |%n", r.param("store"),
          r.param("format"), r.param("compressor"), chunkLabel(r), withError(r, "%.2f"), r.ratio("openRequests", "opens")));
    }
    return b.toString();
  }

  static String rmsdTable(List<JmhRecord> all) {
    List<JmhRecord> rs = of(all, "rmsd");
    if (rs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("### rmsd: RMSD of all atoms to frame 0, whole trajectory\n\n");
    b.append("| store | format | compressor | chunk frames | threads | frames/s | MB/s | runs/s |\n|---|---|---|---:|---:|---:|---:|---:|\n");
    for (JmhRecord r : rs) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %.1f | %s |%n", r.param("store"),
          r.param("format"), r.param("compressor"), chunkLabel(r), r.param("threads"), r.metric("frames"),
          r.metric("megabytes"), withError(r, "%.3f")));
    }
    return b.toString();
  }

  /**
   * Read throughput (MB/s) by plot, then by thread count, then by chunk length. A plot per store,
   * named {@code store} alone when the run had one format and compressor for it, else
   * {@code store_format_compressor}; plots with a single chunk length are left out.
   */
  static Map<String, Map<String, SortedMap<Integer, Double>>> readSeries(List<JmhRecord> all) {
    Map<String, Map<String, SortedMap<Integer, Double>>> byGroup = new LinkedHashMap<>();
    List<JmhRecord> rs = of(all, "read");
    Map<String, Long> combos = new TreeMap<>();
    rs.stream().map(r -> r.param("store") + "|" + r.param("format") + "|" + r.param("compressor")).distinct()
        .forEach(k -> combos.merge(k.substring(0, k.indexOf('|')), 1L, Long::sum));
    for (JmhRecord r : rs) {
      String store = r.param("store");
      String group = combos.getOrDefault(store, 0L) > 1
          ? store + "_" + r.param("format") + "_" + r.param("compressor") : store;
      int t = intParam(r, "threads");
      String series = t + (t == 1 ? " thread" : " threads");
      byGroup.computeIfAbsent(group, g -> new TreeMap<>(Comparator.comparingInt(JmhReport::leadingInt)))
          .computeIfAbsent(series, s -> new TreeMap<>()).put(chunkFrames(r), r.metric("megabytes"));
    }
    byGroup.values().removeIf(m -> m.values().stream().allMatch(s -> s.size() < 2));
    return byGroup;
  }

  private static int leadingInt(String s) {
    return Integer.parseInt(s.replaceAll("^(\\d+).*$", "$1"));
  }
}
