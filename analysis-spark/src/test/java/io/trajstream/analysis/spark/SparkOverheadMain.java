package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.analysis.engine.AnalysisEngine;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.Field;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: the overhead of Spark on one machine. Writes a synthetic zarrmd trajectory (args:
 * directory, atoms, frames, chunk frames), then runs rg and rmsd with the in-process engine (2
 * compute threads) and on {@code local[2]}, alternating, best of five each, and prints frames/s and the Spark
 * job's time split.
 */
public final class SparkOverheadMain {
  private SparkOverheadMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int atoms = Integer.parseInt(args[1]);
    int frames = Integer.parseInt(args[2]);
    int chunk = Integer.parseInt(args[3]);
    String key = "overhead-" + atoms + "x" + frames + "c" + chunk + ".zarrmd";
    if (!Files.exists(dir.resolve(key))) {
      SyntheticTrajectory.builder().atoms(atoms).frames(frames).seed(1).fields(EnumSet.of(Field.POSITION, Field.BOX))
          .build().writeTo(new ZarrmdFormat(), new FileStore(dir), key,
              WriteOptions.defaults().with("chunk-frames", Integer.toString(chunk)).with("compressor", "none"), 100);
    }
    String url = dir.resolve(key).toString();
    for (String name : List.of("rg", "rmsd")) {
      Analysis<?, ?> a = TrajStream.create().analysis(name).create(AnalysisParams.of(Map.of()));
      RunOptions options = RunOptions.builder().threads(2).build();
      double engine = 0;
      SparkRun.Stats best = null;
      for (int i = 0; i < 5; i++) {
        // alternating, so that both see the same warm-up and the same load
        long t0 = System.nanoTime();
        try (TrajectoryReader r = TrajStream.create().open(url, StoreConfig.empty())) {
          AnalysisEngine.run(r, a, options);
        }
        engine = Math.max(engine, frames * 1e9 / (System.nanoTime() - t0));
        @SuppressWarnings("unchecked")
        SparkRun<Serializable> run = SparkAnalysisRunner.run(TestSpark.session(), List.of(url), StoreConfig.empty(),
            (Analysis<?, Serializable>) a, options);
        if (best == null || run.stats().framesPerSecond() > best.framesPerSecond()) {
          best = run.stats();
        }
      }
      System.out.printf(Locale.ROOT, "%s, %d atoms x %d frames, %d-frame chunks: engine (2 threads) %.0f frames/s;"
          + " Spark local[2] %.0f frames/s (%.2fx)%n  %s%n", name, atoms, frames, chunk, engine,
          best.framesPerSecond(), best.framesPerSecond() / engine, best);
    }
    System.exit(0);
  }
}
