package io.trajstream.cli;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes a synthetic part of a run as zarrmd: frames numbered from {@code firstFrame} (step 10 and
 * time 1 ps per frame, so parts can continue one another), positions in {@code lengthUnit}.
 */
final class PartWriter {
  private PartWriter() {}

  static String write(Path dir, String name, int frames, long seed, int firstFrame, String lengthUnit)
      throws IOException {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(25).frames(frames).seed(seed).stepsPerFrame(10)
        .fields(EnumSet.of(Field.POSITION)).build();
    long[] steps = new long[frames];
    double[] times = new double[frames];
    for (int f = 0; f < frames; f++) {
      steps[f] = 10L * (firstFrame + f);
      times[f] = firstFrame + f;
    }
    TrajectoryInfo info = TrajectoryInfo.builder("synthetic", 25, steps).times(times).timeUnit("ps")
        .boundary(List.of("none", "none", "none")).particleGroup("all").field(Field.POSITION, lengthUnit).build();
    try (TrajectoryWriter w = new ZarrmdFormat().create(new FileStore(dir), name, info,
        WriteOptions.defaults().with("chunk-frames", "6"))) {
      FrameBlock src = t.block(0, frames);
      FrameBlock.Builder b = FrameBlock.builder(src.frames(), src.atoms());
      for (int f = 0; f < frames; f++) {
        b.step(f, steps[f]).time(f, times[f]).set(Field.POSITION, f, src.positions(), f * 75);
      }
      w.append(b.build());
    }
    return dir.resolve(name).toString();
  }
}
