package io.trajstream.benchmarks.jmh;

import io.trajstream.benchmarks.ChunkFrames;
import io.trajstream.benchmarks.Compression;
import io.trajstream.benchmarks.Dataset;
import io.trajstream.benchmarks.DatasetCache;
import io.trajstream.benchmarks.DatasetSpec;
import io.trajstream.benchmarks.StoreKind;
import io.trajstream.benchmarks.TrajectoryScan;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import java.io.IOException;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The trajectory a benchmark trial reads, and where from. Set up once per trial, outside the
 * measurement: the file is generated (or taken from the data cache, see {@link DatasetCache}) and
 * loaded into the store (for {@code s3}: uploaded to a fresh server). Defaults give the full sweep; narrow it with JMH's {@code -p name=v1,v2}.
 */
@State(Scope.Benchmark)
public class TrajectoryState {
  /** Frames per storage chunk, or {@code auto} (12 MiB chunks, the zarrmd writer's default). */
  @Param({"1", "10", "100", "auto"})
  public String chunkFrames;

  /** Concurrent chunk reads (read), or compute and I/O threads of the analysis engine (rmsd). */
  @Param({"1", "2", "4", "8", "16"})
  public int threads;

  /**
   * {@code memory}, {@code file}, {@code s3} (S3 API server behind a delay proxy) or {@code latency}
   * (the same link simulated in process), see {@link StoreKind}.
   */
  @Param({"memory", "file", "s3", "latency"})
  public String store;

  @Param({"h5md", "zarrmd"})
  public String format;

  @Param({"none", "gzip", "blosc-lz4", "blosc-zstd"})
  public String compressor;

  @Param({"3000"})
  public int atoms;

  @Param({"300"})
  public int frames;

  /** One-way delay of the s3 and latency stores' link in ms. */
  @Param({"25"})
  public int latencyMs;

  /** Bandwidth cap of the s3 and latency stores' link in MB/s (10^6 bytes), shared by all requests. */
  @Param({"100"})
  public int bandwidthMBps;

  Store storeImpl;
  TrajectoryFormat trajectoryFormat;
  Dataset dataset;
  TrajectoryScan scan;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    int k = ChunkFrames.resolve(chunkFrames, DatasetSpec.bytesPerFrame(atoms), frames);
    DatasetSpec spec = new DatasetSpec(format, atoms, frames, k, Compression.parse(compressor), 42);
    DatasetCache cache = DatasetCache.fromSystemProperty();
    dataset = cache.obtain(spec);
    storeImpl = StoreKind.parse(store).open(cache.directory(), dataset.key(), Duration.ofMillis(latencyMs),
        bandwidthMBps * 1_000_000L);
    trajectoryFormat = TrajStream.create().format(format);
    scan = new TrajectoryScan(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (scan != null) {
      scan.close();
    }
    if (storeImpl != null) {
      storeImpl.close();
    }
  }
}
