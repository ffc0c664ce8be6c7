package io.trajstream.analysis.spark;

import io.trajstream.analysis.engine.BlockPlan;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.ChainedTrajectoryReader;
import io.trajstream.runtime.PartIndex;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trajectory of a job as the driver opens it to plan and finish: one URL's reader, or for parts
 * the chain of them (as {@code TrajStream.open(List, …)} builds it) and its {@link ChainLayout} for
 * the executors. Turns the plan's splits into tasks, each naming the one part it reads.
 */
final class DriverTrajectory implements Closeable {
  private final String name;
  private final String url;
  private final TrajectoryReader reader;
  private final ChainedTrajectoryReader chain;
  private final ChainLayout layout;

  private DriverTrajectory(String name, String url, TrajectoryReader reader, ChainedTrajectoryReader chain,
      ChainLayout layout) {
    this.name = name;
    this.url = url;
    this.reader = reader;
    this.chain = chain;
    this.layout = layout;
  }

  /**
   * Opens {@code t}: patterns expanded; one URL not joined by time is read as it is, anything else
   * as a chain of its parts.
   */
  static DriverTrajectory open(TrajStream ts, TrajectoryParts t, StoreConfig config, ReadOptions readOptions)
      throws IOException {
    List<String> urls = ts.expand(t.urls(), config);
    if (urls.size() == 1 && !t.continuous()) {
      return new DriverTrajectory(t.name(), urls.get(0), ts.open(urls.get(0), config, readOptions), null, null);
    }
    ChainedTrajectoryReader chain = ts.openChain(urls, config, readOptions, t.continuous());
    List<String> names = new ArrayList<>();
    for (String u : urls) {
      names.add(StoreUrl.parse(u).toString());
    }
    List<TrajectoryInfo> infos = chain.parts().stream().map(TrajectoryReader::info).toList();
    return new DriverTrajectory(t.name(), null, chain, chain, new ChainLayout(urls, names, infos, t.continuous()));
  }

  /** The name its result is given ({@link TrajectoryParts#name()}). */
  String name() {
    return name;
  }

  /** The trajectory (a chain for parts) the driver plans and finishes with. */
  TrajectoryReader reader() {
    return reader;
  }

  /** How executors open the chain, or null for one URL. */
  ChainLayout layout() {
    return layout;
  }

  /**
   * The task of split {@code index} ({@code split}, its blocks of {@code blockSizes} frames) of
   * trajectory {@code trajectory}: for a chain, the part it lies in.
   *
   * @throws IllegalStateException when a split of a chain spans two parts (the planner cuts reads
   *     at every part's start, so it never does)
   */
  SplitTask task(int trajectory, int index, BlockPlan.Split split, int[] blockSizes) {
    FrameRange frames = split.frames();
    if (chain == null) {
      return new SplitTask(trajectory, url, -1, index, frames, blockSizes);
    }
    PartIndex parts = chain.partIndex();
    int segment = parts.segmentOf(frames.start());
    if (parts.segmentOf(frames.last()) != segment) {
      throw new IllegalStateException("split of frames " + frames + " of " + name + " spans two parts");
    }
    int part = parts.segments().get(segment).part();
    return new SplitTask(trajectory, layout.urls().get(part), part, index, frames, blockSizes);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
