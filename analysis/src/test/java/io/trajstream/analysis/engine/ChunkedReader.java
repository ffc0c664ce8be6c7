package io.trajstream.analysis.engine;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic trajectory whose fields have chunks of their own lengths; counts how often each
 * chunk of each field is read (a read touching a chunk fetches and decodes all of it).
 */
final class ChunkedReader implements TrajectoryReader {
  private final SyntheticTrajectory trajectory;
  private final Map<Field, Integer> chunkFrames;
  private final TrajectoryInfo info;
  /** Reads per "field:chunk". */
  final Map<String, AtomicInteger> chunkReads = new ConcurrentHashMap<>();
  final AtomicInteger reads = new AtomicInteger();

  ChunkedReader(SyntheticTrajectory trajectory, Map<Field, Integer> chunkFrames) {
    this.trajectory = trajectory;
    this.chunkFrames = Map.copyOf(chunkFrames);
    TrajectoryInfo.Builder b = trajectory.info().toBuilder();
    chunkFrames.forEach((f, n) -> b.chunking(f, n, "none"));
    this.info = b.build();
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) {
    reads.incrementAndGet();
    for (Field f : fields) {
      Integer n = chunkFrames.get(f);
      if (n == null || frames.size() == 0) {
        continue;
      }
      int last = -1;
      for (int frame : frames.toArray()) {
        int c = frame / n;
        if (c != last) {
          chunkReads.computeIfAbsent(f.key() + ":" + c, k -> new AtomicInteger()).incrementAndGet();
          last = c;
        }
      }
    }
    return trajectory.block(frames, atoms, fields);
  }

  /** The most reads of any one chunk. */
  int maxReadsOfAChunk() {
    return chunkReads.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }

  @Override
  public void close() {}
}
