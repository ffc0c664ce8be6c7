package io.trajstream.benchmarks;

import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.store.Store;
import java.io.IOException;

/**
 * Measures one open and one full position read of a trajectory, counting the requests and bytes
 * that reach the store with a {@link MeteredStore}. The store is not closed.
 */
public final class ReadProbe {
  private ReadProbe() {}

  /** Opens {@code dataset} in {@code store} with {@code format} and reads it all with {@code scan}. */
  public static ReadMeasurement measure(Store store, TrajectoryFormat format, Dataset dataset, TrajectoryScan scan)
      throws IOException {
    MeteredStore metered = new MeteredStore(store);
    long t0 = System.nanoTime();
    try (TrajectoryReader reader = format.open(metered, dataset.key(), ReadOptions.defaults())) {
      long t1 = System.nanoTime();
      long openRequests = metered.totalRequests();
      long openBytes = metered.bytes(MeteredStore.Operation.GET);
      double checksum = scan.readAll(reader);
      long t2 = System.nanoTime();
      int frames = reader.info().frames();
      return new ReadMeasurement(t1 - t0, openRequests, openBytes, t2 - t1, metered.totalRequests() - openRequests,
          metered.bytes(MeteredStore.Operation.GET) - openBytes, frames,
          DatasetSpec.bytesPerFrame(reader.info().atoms()) * frames, dataset.neededBytes(), checksum);
    }
  }

  /** Only opens (and closes) {@code dataset}: returns the requests the open made. */
  public static long open(Store store, TrajectoryFormat format, Dataset dataset) throws IOException {
    MeteredStore metered = new MeteredStore(store);
    try (TrajectoryReader reader = format.open(metered, dataset.key(), ReadOptions.defaults())) {
      return metered.totalRequests();
    }
  }
}
