package io.trajstream.analysis.spark;

import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.ChainedTrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A chained trajectory as the driver opened it, for the executors to open again: the parts' URLs
 * (patterns expanded), their names in messages, their metadata and how they are joined. On an
 * executor the chain is rebuilt from this metadata, so its frame numbering (and, with {@code
 * continuous}, its trimming) is the driver's, while only the parts actually read are opened.
 */
record ChainLayout(List<String> urls, List<String> names, List<TrajectoryInfo> infos, boolean continuous)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  ChainLayout {
    urls = List.copyOf(urls);
    names = List.copyOf(names);
    infos = List.copyOf(infos);
  }

  /**
   * The chain over deferred parts, part {@code open} (an index into {@link #urls()}, or -1 for
   * none) opened at once so that its open is timed and fails here.
   */
  ChainedTrajectoryReader open(TrajStream ts, StoreConfig config, ReadOptions readOptions, int open)
      throws IOException {
    List<TrajectoryReader> parts = new ArrayList<>();
    for (int p = 0; p < urls.size(); p++) {
      parts.add(new DeferredPartReader(ts, urls.get(p), config, readOptions, infos.get(p)));
    }
    ChainedTrajectoryReader chain = new ChainedTrajectoryReader(parts, names, continuous);
    if (open >= 0) {
      try {
        ((DeferredPartReader) parts.get(open)).open();
      } catch (IOException | RuntimeException e) {
        chain.close();
        throw e;
      }
    }
    return chain;
  }
}
