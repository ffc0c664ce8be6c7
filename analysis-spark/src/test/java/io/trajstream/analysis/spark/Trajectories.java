package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Synthetic trajectories for the tests, the built-in analyses' parameters, and the engine's results. */
final class Trajectories {
  private Trajectories() {}

  static final int ATOMS = 200;
  static final int FRAMES = 240;
  static final int CHUNK_FRAMES = 10;

  /** Each built-in analysis with parameters that keep it quick. */
  static final Map<String, AnalysisParams> ANALYSES = Map.of(
      "rmsd", AnalysisParams.of(Map.of("ref", "3")),
      "rmsf", AnalysisParams.empty(),
      "rg", AnalysisParams.empty(),
      "com", AnalysisParams.of(Map.of("weights", "none")),
      "msd", AnalysisParams.empty(),
      "rdf", AnalysisParams.of(Map.of("nbins", "40", "range", "0:12", "g1", "index 0:49", "g2", "index 50:149")));

  /** Writes synthetic trajectory {@code seed} as zarrmd ({@value #CHUNK_FRAMES}-frame chunks) at {@code key} of {@code dir}. */
  static void writeZarrmd(Path dir, String key, long seed) throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(ATOMS).frames(FRAMES).seed(seed)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    t.writeTo(new ZarrmdFormat(), new FileStore(dir), key, WriteOptions.defaults()
        .with("chunk-frames", Integer.toString(CHUNK_FRAMES)), 37);
  }

  /** Copies every file under {@code dir}/{@code key} to {@code store} under the same keys. */
  static void upload(Path dir, String key, Store store) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve(key))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        store.write(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
  }

  static Analysis<?, ?> analysis(String name) {
    return TrajStream.create().analysis(name).create(ANALYSES.get(name));
  }

  /** The in-process engine's result, two compute threads. */
  static AnalysisResult engine(String url, StoreConfig config, Analysis<?, ?> analysis, RunOptions options)
      throws IOException {
    try (TrajectoryReader reader = TrajStream.create().open(url, config)) {
      return (AnalysisResult) AnalysisEngine.run(reader, analysis, options.toBuilder().threads(2).build());
    }
  }

  /** Runs on the test session. */
  static Map<String, AnalysisResult> spark(List<String> urls, StoreConfig config, Analysis<?, ?> analysis,
      RunOptions options) throws IOException {
    @SuppressWarnings("unchecked")
    SparkRun<AnalysisResult> run = SparkAnalysisRunner.run(TestSpark.session(), urls, config,
        (Analysis<?, AnalysisResult>) analysis, options);
    System.out.println(analysis.name() + ": " + run.stats());
    return run.results();
  }
}
