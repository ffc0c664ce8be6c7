package io.trajstream.analysis.cluster;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs an analysis over trajectories on a cluster instead of the in-process engine, with the
 * engine's result: the cluster's workers open the trajectories themselves from (URL, {@link
 * StoreConfig}) and accumulate chunk-aligned blocks; the accumulators are combined in frame order
 * and finished by the caller's side. Implementations are found with {@link ServiceLoader} ({@link
 * #find(String)}), so that the command can offer them when their module is on the class path.
 */
public interface ClusterRunner {
  /** The runner's name, e.g. {@code spark}. */
  String name();

  /**
   * Runs {@code analysis} over each trajectory of {@code urls} as one job on the cluster at {@code
   * master} (runner-specific, e.g. {@code local[2]} or {@code spark://host:7077}).
   *
   * @return each URL's result, in the order of {@code urls}
   * @throws IOException when the job fails; the message is one line naming the location that failed
   */
  Map<String, Serializable> run(String master, List<String> urls, StoreConfig config, ReadOptions readOptions,
      Analysis<?, ?> analysis, RunOptions options) throws IOException;

  /**
   * Runs {@code analysis} over one trajectory given as its parts ({@code urls} in order, joined by
   * time when {@code continuous}, as {@code TrajStream.open(List, ...)} chains them) as one job on
   * the cluster at {@code master}, and returns the chain's one result. A runner that cannot chain
   * parts says so (the default).
   *
   * @throws IOException when the job fails; the message is one line naming the location that failed
   * @throws UnsupportedOperationException when this runner does not run chains
   */
  default Serializable runParts(String master, List<String> urls, boolean continuous, StoreConfig config,
      ReadOptions readOptions, Analysis<?, ?> analysis, RunOptions options) throws IOException {
    throw new UnsupportedOperationException("the " + name() + " runner cannot run several parts as one trajectory");
  }

  /** The runner named {@code name} on the class path (the thread's context class loader), if any. */
  static Optional<ClusterRunner> find(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (ClusterRunner r : ServiceLoader.load(ClusterRunner.class, loader != null ? loader : ClusterRunner.class.getClassLoader())) {
      if (r.name().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
