package io.trajstream.h5md;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Run in a child JVM with a small heap by {@link DeclaredSizesTest}: opens FILE, reads frame 0
 * (every atom) and the last atom of the last frame, and prints what it got on one line. Not a test.
 */
public final class DeclaredSizeProbe {
  private DeclaredSizeProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(file.getParent()), file.getFileName().toString(),
        ReadOptions.defaults())) {
      TrajectoryInfo info = r.info();
      int last = info.frames() - 1;
      FrameBlock first = r.read(FrameRange.single(0), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.BOX));
      float[] p = first.positions();
      long notFill = 0;
      for (float v : p) {
        if (v != 1.5f) {
          notFill++;
        }
      }
      FrameBlock end = r.read(FrameRange.single(last), AtomSelection.of(info.atoms() - 1), EnumSet.of(Field.POSITION));
      System.out.printf(Locale.ROOT, "frames=%d atoms=%d step0=%d stepLast=%d time0=%s timeLast=%s values=%d notFill=%d"
              + " endAtom=[%s,%s,%s] box0=%s%n",
          info.frames(), info.atoms(), info.step(0), info.step(last), info.time(0), info.time(last), p.length, notFill,
          end.positions()[0], end.positions()[1], end.positions()[2], first.box(0)[0]);
    }
  }
}
