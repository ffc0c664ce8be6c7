package io.trajstream.analysis.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.AnalysisResult;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
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

  /**
   * Writes a part of a restarted run as zarrmd ({@value #CHUNK_FRAMES}-frame chunks) at {@code key}
   * of {@code dir}: synthetic trajectory {@code seed} of {@code frames} frames, its time from {@code
   * t0} ps every 1 ps and its step ten per ps, so that parts can overlap in time.
   */
  static void writeZarrmdPart(Path dir, String key, long seed, int frames, double t0) throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(ATOMS).frames(frames).seed(seed)
        .fields(EnumSet.of(Field.POSITION, Field.BOX)).build();
    long[] steps = new long[frames];
    double[] times = new double[frames];
    for (int f = 0; f < frames; f++) {
      times[f] = t0 + f;
      steps[f] = Math.round(10 * times[f]);
    }
    TrajectoryInfo.Builder ib = TrajectoryInfo.builder("synthetic", ATOMS, steps).times(times).timeUnit("ps")
        .boundary(List.of("periodic", "periodic", "periodic"));
    for (Field f : t.fields()) {
      ib.field(f, t.info().unit(f));
    }
    TrajectoryWriter w = new ZarrmdFormat().create(new FileStore(dir), key, ib.build(), WriteOptions.defaults()
        .with("chunk-frames", Integer.toString(CHUNK_FRAMES)));
    try {
      for (int start = 0; start < frames; start += 37) {
        FrameBlock raw = t.block(start, Math.min(frames, start + 37));
        FrameBlock.Builder b = FrameBlock.builder(raw.frames(), raw.atoms());
        for (int i = 0; i < raw.frameCount(); i++) {
          b.step(i, steps[start + i]).time(i, times[start + i]);
          for (Field f : raw.fields()) {
            b.set(f, i, raw.values(f), i * f.valuesPerFrame(raw.atomCount()));
          }
        }
        w.append(b.build());
      }
    } catch (IOException | RuntimeException e) {
      w.abort();
      throw e;
    }
    w.close();
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

  /** The in-process engine's result over the chain of {@code parts}, two compute threads. */
  static AnalysisResult engine(List<String> parts, boolean continuous, Analysis<?, ?> analysis, RunOptions options)
      throws IOException {
    try (TrajectoryReader reader = TrajStream.create().open(parts, StoreConfig.empty(), ReadOptions.defaults(),
        continuous)) {
      return (AnalysisResult) AnalysisEngine.run(reader, analysis, options.toBuilder().threads(2).build());
    }
  }

  /** Runs one trajectory given as parts on the test session. */
  static AnalysisResult spark(TrajectoryParts parts, Analysis<?, ?> analysis, RunOptions options) throws IOException {
    @SuppressWarnings("unchecked")
    SparkRun<AnalysisResult> run = SparkAnalysisRunner.run(TestSpark.session(), parts, StoreConfig.empty(),
        ReadOptions.defaults(), (Analysis<?, AnalysisResult>) analysis, options);
    System.out.println(analysis.name() + " over " + parts.name() + ": " + run.stats());
    assertEquals(List.of(parts.name()), List.copyOf(run.results().keySet()));
    return run.result();
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
