package org.example.consumer;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

/**
 * Opens a trajectory through the TrajStream facade and prints its size and the first atoms of its
 * last frame. The store and format plugins come from the dependencies alone: TrajStream finds
 * them on the class path.
 */
public final class ReadTrajectory {
  private ReadTrajectory() {}

  /**
   * Reads the trajectory at {@code args[0]} (a path, {@code file:}, {@code s3://}, ...) and
   * {@code key=value} store options after it (e.g. {@code s3.region=eu-west-1}).
   *
   * @param args the URL, then store options
   * @throws IOException when the trajectory cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ReadTrajectory URL [key=value]...");
      System.exit(2);
    }
    TrajStream ts = TrajStream.create();
    Package runtime = TrajStream.class.getPackage();
    System.out.printf("%s %s; s3 store: %s; formats: %s%n", runtime.getImplementationTitle(),
        runtime.getImplementationVersion(), ts.hasScheme("s3") ? "yes" : "no",
        ts.formats().stream().map(f -> f.name()).toList());
    if (!ts.hasScheme("s3")) {
      System.err.println("the s3 store (trajstream-store-s3) was not found on the class path");
      System.exit(1);
    }
    ts.format("h5md"); // fails, naming the formats found, without trajstream-format-h5md
    StoreConfig config = StoreConfig.parse(List.of(args).subList(1, args.length));
    try (TrajectoryReader reader = ts.open(args[0], config)) {
      TrajectoryInfo info = reader.info();
      System.out.printf("%s: %s, %d frames, %d atoms%n", args[0], info.format(), info.frames(),
          info.atoms());
      int last = info.frames() - 1;
      int shown = Math.min(3, info.atoms());
      FrameBlock block = reader.read(FrameRange.single(last), AtomSelection.range(0, shown - 1),
          EnumSet.of(Field.POSITION));
      float[] xyz = block.positions();
      for (int a = 0; a < shown; a++) {
        System.out.printf("frame %d (step %d) atom %d: %.3f %.3f %.3f %s%n", last, info.step(last),
            a, xyz[3 * a], xyz[3 * a + 1], xyz[3 * a + 2], info.unit(Field.POSITION));
      }
    }
  }
}
