package io.trajstream.analysis.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One trajectory of a Spark job, given as its parts: one URL, or several (and {@code *} patterns in
 * the last path segment) read as one trajectory part after part, as {@code TrajStream.open(List,
 * StoreConfig, ReadOptions, boolean)} and MDAnalysis's ChainReader read them. With {@code
 * continuous} the parts are joined by time: overlapping frames are dropped so that time increases,
 * the later part winning.
 *
 * @param urls the parts in order (patterns are expanded on the driver); at least one
 * @param continuous join the parts by time rather than concatenate them
 */
public record TrajectoryParts(List<String> urls, boolean continuous) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrajectoryParts {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("a trajectory needs at least one URL");
    }
  }

  /** A trajectory of one URL, read as it is. */
  public static TrajectoryParts of(String url) {
    return new TrajectoryParts(List.of(url), false);
  }

  /** Several URLs as the parts of one trajectory. */
  public static TrajectoryParts of(List<String> urls, boolean continuous) {
    return new TrajectoryParts(urls, continuous);
  }

  /**
   * The name the trajectory's result is given in {@link SparkRun#results()}: the URL of a single
   * plain trajectory, else the URLs as given joined by {@code " + "}, followed by {@code
   * " (continuous)"} when joined by time.
   */
  public String name() {
    if (urls.size() == 1 && !continuous) {
      return urls.get(0);
    }
    return String.join(" + ", urls) + (continuous ? " (continuous)" : "");
  }
}
