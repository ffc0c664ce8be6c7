package io.trajstream.cli;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.Cancellation;
import io.trajstream.analysis.engine.Progress;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.analysis.select.Selection;
import io.trajstream.analysis.topology.Topology;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trajstream analyze NAME URL}: runs a built-in (or plugged-in) analysis over a trajectory in
 * parallel with a progress bar on stderr, and writes the result as JSON (stdout or {@code --out
 * x.json}), CSV ({@code --out x.csv}) and optionally a PNG plot.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Run an analysis (rmsd, rmsf, rg, com, msd, rdf, …) over a trajectory in parallel.")
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "NAME", description = "Analysis name (see 'trajstream plugins').")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "URL", description = "Trajectory URL or path; several (or a * in the last path segment) are read as one trajectory, part after part.")
  java.util.List<String> urls;

  @Mixin PartsOptions parts;

  @Option(names = "--select", paramLabel = "SEL", description = "Atoms to analyse (default: all), e.g. \"index 0:99\", \"name CA\" (with --topology).")
  String select = "all";

  @Option(names = "--select2", paramLabel = "SEL", description = "rdf: the second group (default: as --select).")
  String select2;

  @Option(names = "--topology", paramLabel = "FILE", description = "PDB or GRO file: names, residues and masses.")
  Path topology;

  @Option(names = "--ref", paramLabel = "N", description = "rmsd: reference frame (default 0).")
  Integer ref;

  @Option(names = "--weights", paramLabel = "none|mass", description = "rmsd, rg, com: weights (mass needs --topology).")
  String weights;

  @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: available processors).")
  Integer threads;

  @Option(names = "--io-threads", paramLabel = "N", description = "Threads reading blocks ahead of the compute (default 4 for local files, "
      + REMOTE_IO_THREADS + " when a URL names a remote store: more requests in flight hide the link's latency).")
  Integer ioThreads;

  @Option(names = "--start", paramLabel = "N", description = "First frame (default 0).")
  int start;

  @Option(names = "--stop", paramLabel = "N", description = "Frame to stop before (default: the end).")
  int stop = -1;

  @Option(names = "--step", paramLabel = "N", description = "Analyse every N-th frame (default 1).")
  int step = 1;

  @Option(names = "--units", paramLabel = "native|md", description = "native (the file's units, default) or md (Angstrom, ps) for values given and printed.")
  String units = "native";

  @Option(names = "--nbins", paramLabel = "N", description = "rdf: number of bins (default 75).")
  Integer nbins;

  @Option(names = "--range", paramLabel = "MIN:MAX", description = "rdf: distance range (default 0:15), in the --units length unit.")
  String range;

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Further analysis parameter, e.g. msd_type=xy, fft=false, superposition=false (repeatable).")
  List<String> params = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE.json or FILE.csv (default: JSON on stdout).")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Also plot the result as a PNG.")
  Path plot;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Option(names = "--spark", paramLabel = "MASTER", description = "Run on Apache Spark: local[N], spark://host:7077, … or 'submit' (the master spark-submit set); several URLs (or a pattern), with or without --continuous, are one trajectory as without --spark. Needs the analysis-spark module (the launcher adds it with --spark).")
  String spark;

  @Override
  public Integer call() throws Exception {
    UnitMode unitMode = UnitsOption.parse(units) ? UnitMode.MD : UnitMode.NATIVE;
    Topology top = topology == null ? null : Topology.read(topology);
    AtomicLong bytes = new AtomicLong();
    List<MeteredStore> meters = new ArrayList<>();
    TrajStream ts = CommandPlugins.trajStream().withStoreDecorator(s -> {
      MeteredStore m = new MeteredStore(s);
      meters.add(m);
      return m;
    });
    AnalysisFactory factory = ts.analysis(name);
    try (TrajectoryReader reader = parts.open(ts, urls, common)) {
      int atoms = reader.info().atoms();
      int[] group1 = Selection.parse(select).indices(atoms, top);
      if (group1.length == 0) {
        throw new IllegalArgumentException("--select '" + select + "' selects no atoms");
      }
      AtomSelection read = group1.length == atoms ? AtomSelection.all() : AtomSelection.of(group1);
      AnalysisParams p = parameters();
      if (name.equals("rdf")) {
        int[] group2 = select2 == null ? group1 : Selection.parse(select2).indices(atoms, top);
        if (group2.length == 0) {
          throw new IllegalArgumentException("--select2 '" + select2 + "' selects no atoms");
        }
        p = p.with("g1", Selection.ofIndices(group1)).with("g2", Selection.ofIndices(group2));
        TreeSet<Integer> union = new TreeSet<>();
        for (int a : group1) {
          union.add(a);
        }
        for (int a : group2) {
          union.add(a);
        }
        read = union.size() == atoms ? AtomSelection.all() : AtomSelection.of(union.stream().mapToInt(Integer::intValue).toArray());
      } else if (select2 != null || nbins != null || range != null) {
        throw new IllegalArgumentException("--select2, --nbins and --range apply to rdf only");
      }
      if ("mass".equalsIgnoreCase(weights) && top == null) {
        throw new IllegalArgumentException("--weights mass needs --topology (a PDB or GRO file) for the masses");
      }
      Analysis<?, ?> analysis = factory.create(p);
      LongSupplier bytesRead = () -> meters.stream().mapToLong(m -> m.bytes(MeteredStore.Operation.GET)).sum();
      RunOptions.Builder options = RunOptions.builder().start(start).stop(stop).step(step).atoms(read)
          .units(unitMode).masses(top == null ? null : top.masses()).bytesRead(bytesRead);
      if (threads != null) {
        options.threads(threads);
      }
      if (ioThreads != null) {
        options.ioThreads(ioThreads);
      } else if (anyRemote(urls)) {
        options.ioThreads(REMOTE_IO_THREADS);
      }
      Object result = spark != null
          ? SparkOption.run(spark, ts.expand(urls, common.storeConfig()), parts.continuous, common.storeConfig(),
              common.readOptions(), analysis, options.build())
          : runWithProgress(reader, analysis, options, name, quiet ? null : spec.commandLine().getErr());
      if (!(result instanceof AnalysisResult r)) {
        throw new IllegalStateException("analysis " + name + " returned " + result.getClass().getName()
            + ", which cannot be written as JSON or CSV");
      }
      write(r, out, spec.commandLine().getOut());
      if (plot != null) {
        plot(r, plot);
      }
    }
    return 0;
  }

  /** Reads in flight by default over a remote store: faster than 4 for both formats over S3 and HTTP (benchmarks/RESULTS.md). */
  static final int REMOTE_IO_THREADS = 16;

  /** Whether a URL names a store other than the local disk ({@code s3://}, {@code https://}, {@code zip:s3://}, ...). */
  static boolean anyRemote(List<String> urls) {
    for (String u : urls) {
      if (u.contains("://") && !u.regionMatches(true, 0, "file:", 0, 5) && !u.regionMatches(true, 0, "zip:file:", 0, 9)) {
        return true;
      }
    }
    return false;
  }

  private AnalysisParams parameters() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : params) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param expects KEY=VALUE, got '" + kv + "'");
      }
      m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    if (ref != null) {
      m.put("ref", Integer.toString(ref));
    }
    if (weights != null) {
      String w = weights.toLowerCase(Locale.ROOT);
      if (!w.equals("none") && !w.equals("mass")) {
        throw new IllegalArgumentException("--weights must be none or mass, not '" + weights + "'");
      }
      m.put("weights", w);
    }
    if (nbins != null) {
      m.put("nbins", Integer.toString(nbins));
    }
    if (range != null) {
      if (!range.matches("\\s*[-+0-9.eE]+\\s*:\\s*[-+0-9.eE]+\\s*")) {
        throw new IllegalArgumentException("--range expects MIN:MAX, got '" + range + "'");
      }
      m.put("range", range.trim());
    }
    return AnalysisParams.of(m);
  }

  /** Runs {@code analysis} with a progress bar on {@code err} (none when null); Ctrl-C cancels the run. */
  static Object runWithProgress(TrajectoryReader reader, Analysis<?, ?> analysis, RunOptions.Builder options,
      String task, PrintWriter err) throws IOException {
    Cancellation cancellation = new Cancellation();
    Thread hook = new Thread(cancellation::cancel, "trajstream-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (err == null) {
        return AnalysisEngine.run(reader, analysis, options.cancellation(cancellation).build());
      }
      long total = options.build().frames(reader.info().frames()).size();
      try (ProgressBars.Frames bar = ProgressBars.frames(err, task, total)) {
        Object result = AnalysisEngine.run(reader, analysis, options.cancellation(cancellation)
            .progress((Progress p) -> bar.stepTo(p.framesDone(), String.format(Locale.ROOT, " | %.1f MB read", p.bytesRead() / 1e6)))
            .build());
        bar.stepTo(total);
        return result;
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook has run
      }
    }
  }

  /** Writes JSON to {@code file} (or {@code stdout} when null), or CSV when the file ends in .csv. */
  static void write(AnalysisResult r, Path file, PrintWriter stdout) throws IOException {
    if (file == null) {
      r.writeJson(stdout);
      stdout.println();
      stdout.flush();
      return;
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        r.writeCsv(w);
      } else {
        r.writeJson(w);
        w.write('\n');
      }
    }
  }

  /** Plots the result as a PNG: values (one line per column) over frames, time, atoms or bins. */
  static void plot(AnalysisResult r, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double[] x = r.time() != null && !r.axisName().equals("atoms") && allFinite(r.time()) ? r.time() : r.axis();
    String xTitle = x == r.axis() ? axisTitle(r.axisName()) : "time" + unitSuffix(r.metadata().get("time_unit"));
    if ("lag".equals(r.metadata().get("axis"))) {
      xTitle = "lag " + xTitle;
    }
    XYChart chart = new XYChartBuilder().width(900).height(520).title(r.analysis())
        .xAxisTitle(xTitle).yAxisTitle(r.analysis() + unitSuffix(r.unit())).build();
    chart.getStyler().setLegendVisible(r.width() > 1);
    String[] columns = r.columns();
    for (int c = 0; c < r.width(); c++) {
      double[] y = new double[r.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = r.row(i)[c];
      }
      chart.addSeries(r.width() > 1 ? columns[c] : r.analysis(), x, y).setMarker(SeriesMarkers.NONE);
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    try (OutputStream os = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return v.length > 0;
  }

  private static String axisTitle(String axis) {
    switch (axis) {
      case "atoms":
        return "atom";
      case "bins":
        return "distance";
      default:
        return "frame";
    }
  }

  private static String unitSuffix(String unit) {
    return unit == null || unit.isEmpty() ? "" : " (" + unit + ")";
  }
}
