package io.trajstream.cli;

import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.KeyGlob;
import io.trajstream.runtime.TrajStream;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the URLs a command takes are read as one trajectory: several URLs, or a {@code *} pattern in
 * the last path segment, are parts in order (MDAnalysis's ChainReader); {@code --continuous} joins
 * them by time.
 */
public final class PartsOptions {
  @Option(names = "--continuous",
      description = "Join several parts by time (restarts): overlapping frames are dropped so that time increases,"
          + " the later part winning (as MDAnalysis's ChainReader continuous=True). Default: concatenate.")
  boolean continuous;

  /** Opens {@code urls} (one or more, patterns expanded) as one trajectory. */
  TrajectoryReader open(TrajStream ts, List<String> urls, CommonOptions common) throws IOException {
    if (common.index != null && (urls.size() > 1 || KeyGlob.isPattern(urls.get(0)))) {
      throw new IllegalArgumentException("--index names the index of one H5MD file; give it with one URL only");
    }
    return ts.open(urls, common.storeConfig(), common.readOptions(), continuous);
  }

  /**
   * Refuses a chain whose steps do not increase from one part to the next (restarted numbering),
   * which cannot be written as one trajectory: such parts are joined with {@code --continuous}.
   */
  static void requireIncreasingSteps(io.trajstream.format.TrajectoryInfo info) {
    for (int p = 1; p < info.parts(); p++) {
      int s = info.partStart(p);
      if (s > 0 && s < info.frames() && info.step(s) <= info.step(s - 1)) {
        throw new IllegalArgumentException(info.partLocation(p) + " starts at step " + info.step(s)
            + ", not after step " + info.step(s - 1) + " where " + info.partLocation(p - 1)
            + " ends: one trajectory needs increasing steps; join restarted parts by time with --continuous");
      }
    }
  }
}
