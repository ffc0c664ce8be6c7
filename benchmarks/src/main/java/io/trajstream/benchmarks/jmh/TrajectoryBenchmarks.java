package io.trajstream.benchmarks.jmh;

import io.trajstream.analysis.AnalysisResult;
import io.trajstream.benchmarks.ReadMeasurement;
import io.trajstream.benchmarks.ReadProbe;
import io.trajstream.benchmarks.RmsdProbe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TrajStream's read path under JMH:
 *
 * <ul>
 *   <li>{@code read}: open the trajectory and read every frame's positions with {@code threads}
 *       concurrent chunk reads (ops/s; secondary: frames/s, MB/s, and the store's requests and
 *       bytes, see {@link StoreCounters});
 *   <li>{@code open}: open and close only (time per open);
 *   <li>{@code rmsd}: RMSD of all atoms to frame 0 over the whole trajectory through the analysis
 *       engine (ops/s; secondary: frames/s), reader opened once per trial.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrajectoryBenchmarks {

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public double read(TrajectoryState s, StoreCounters store, DataRates rates) throws IOException {
    ReadMeasurement m = ReadProbe.measure(s.storeImpl, s.trajectoryFormat, s.dataset, s.scan);
    store.add(m);
    rates.frames += m.frames();
    rates.bytes += m.valueBytes();
    return m.checksum();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int open(TrajectoryState s, OpenCounters store) throws IOException {
    long requests = ReadProbe.open(s.storeImpl, s.trajectoryFormat, s.dataset);
    store.opens++;
    store.openRequests += requests;
    return (int) requests;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public double rmsd(RmsdState r, DataRates rates) throws IOException {
    AnalysisResult result = RmsdProbe.run(r.reader, r.trajectory.threads);
    double[] v = result.values();
    rates.frames += v.length;
    rates.bytes += r.bytesPerRun;
    return v[v.length - 1];
  }

  /** A reader opened once per trial for {@code rmsd}. */
  @State(Scope.Benchmark)
  public static class RmsdState {
    TrajectoryState trajectory;
    TrajectoryReader reader;
    long bytesPerRun;

    @Setup(Level.Trial)
    public void open(TrajectoryState t) throws IOException {
      trajectory = t;
      reader = t.trajectoryFormat.open(t.storeImpl, t.dataset.key(), ReadOptions.defaults());
      bytesPerRun = t.dataset.spec().positionBytes();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
