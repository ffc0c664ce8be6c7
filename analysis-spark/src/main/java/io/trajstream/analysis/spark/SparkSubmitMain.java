package io.trajstream.analysis.spark;

import io.trajstream.JsonWriter;
import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.analysis.select.Selection;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Main class of the {@code spark-submit} jar: {@code NAME URL… [--parts] [--continuous] [--select
 * SEL] [--start N] [--stop N] [--step N] [--units native|md] [--param K=V]… [--storage-option K=V]…
 * [--out FILE.json]}. Runs the analysis over all the trajectories as one job on the master {@code
 * spark-submit} set, and writes {@code {"results":[{"url":…,"result":{…}},…]}} (each result as
 * {@code trajstream analyze} writes it) to FILE on the driver, or to stdout. With {@code --parts}
 * (or {@code --continuous}, which joins them by time) the URLs are the parts of one trajectory, as
 * {@code trajstream analyze} reads several URLs: one result, whose {@code url} is {@link
 * TrajectoryParts#name()}. Errors: one line on stderr, exit code 1 (2 for bad usage).
 */
public final class SparkSubmitMain {
  private SparkSubmitMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("trajstream-spark: " + e.getMessage());
      code = 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("trajstream-spark: " + e.getMessage());
      code = 1;
    }
    System.exit(code);
  }

  static int run(String[] args, PrintStream stdout) throws IOException {
    List<String> positional = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    List<String> storage = new ArrayList<>();
    String select = "all";
    String units = "native";
    int start = 0;
    int stop = -1;
    int step = 1;
    boolean parts = false;
    boolean continuous = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          stdout.println("usage: spark-submit … trajstream-spark-submit.jar NAME URL… [--parts] [--continuous] [--select SEL] [--start N]"
              + " [--stop N] [--step N] [--units native|md] [--param K=V]… [--storage-option K=V]… [--out FILE.json]");
          return 0;
        }
        case "--parts" -> parts = true;
        case "--continuous" -> continuous = true;
        case "--select" -> select = value(args, ++i, a);
        case "--units" -> units = value(args, ++i, a);
        case "--start" -> start = Integer.parseInt(value(args, ++i, a));
        case "--stop" -> stop = Integer.parseInt(value(args, ++i, a));
        case "--step" -> step = Integer.parseInt(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--storage-option" -> storage.add(value(args, ++i, a));
        case "--param" -> {
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--param expects KEY=VALUE, got '" + kv + "'");
          }
          params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          positional.add(a);
        }
      }
    }
    if (positional.size() < 2) {
      throw new IllegalArgumentException("expected NAME URL…, e.g. rmsd s3://bucket/run1.h5md (see --help)");
    }
    if (!units.equals("native") && !units.equals("md")) {
      throw new IllegalArgumentException("--units must be native or md, not '" + units + "'");
    }
    String name = positional.get(0);
    List<String> urls = positional.subList(1, positional.size());
    StoreConfig config = StoreConfig.parse(storage);
    TrajStream ts = TrajStream.create();
    @SuppressWarnings("unchecked")
    Analysis<?, Serializable> analysis = (Analysis<?, Serializable>) ts.analysis(name).create(AnalysisParams.of(params));
    AtomSelection atoms;
    String firstUrl = ts.expand(List.of(urls.get(0)), config).get(0);
    try (TrajectoryReader first = ts.open(firstUrl, config, ReadOptions.defaults())) {
      int n = first.info().atoms();
      int[] picked = Selection.parse(select).indices(n);
      atoms = picked.length == n ? AtomSelection.all() : AtomSelection.of(picked);
    }
    RunOptions options = RunOptions.builder().start(start).stop(stop).step(step).atoms(atoms)
        .units(units.equals("md") ? UnitMode.MD : UnitMode.NATIVE).build();
    SparkRun<Serializable> run;
    try (SparkSessions.Lease session = SparkSessions.lease(SparkClusterRunner.FROM_SUBMIT, "trajstream " + name)) {
      run = parts || continuous
          ? SparkAnalysisRunner.run(session.spark(), TrajectoryParts.of(urls, continuous), config,
              ReadOptions.defaults(), analysis, options)
          : SparkAnalysisRunner.run(session.spark(), urls, config, ReadOptions.defaults(), analysis, options);
    }
    StringBuilder json = new StringBuilder("{\"results\":[");
    boolean firstResult = true;
    for (Map.Entry<String, Serializable> e : run.results().entrySet()) {
      if (!(e.getValue() instanceof AnalysisResult r)) {
        throw new IllegalStateException("analysis " + name + " returned " + e.getValue().getClass().getName()
            + ", which cannot be written as JSON");
      }
      json.append(firstResult ? "" : ",").append("{\"url\":").append(JsonWriter.quote(e.getKey())).append(",\"result\":")
          .append(r.toJson()).append('}');
      firstResult = false;
    }
    json.append("]}\n");
    if (out == null) {
      stdout.print(json);
      stdout.flush();
    } else {
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        w.write(json.toString());
      }
    }
    System.err.println("trajstream-spark: " + run.stats());
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
