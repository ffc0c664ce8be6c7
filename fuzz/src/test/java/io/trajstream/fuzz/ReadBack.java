package io.trajstream.fuzz;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What a user does first with an opened trajectory: look at its info, read the first and the last
 * frame (every atom of a small system, else the first atoms) and the first sample of a few
 * observables. Drives a reader through everything the metadata declared.
 */
final class ReadBack {
  /** Systems up to this many atoms are read whole; larger ones only their first atoms. */
  private static final int WHOLE_ATOMS = 1 << 16;
  private static final int FIRST_ATOMS = 8;
  private static final int OBSERVABLES = 4;

  private ReadBack() {}

  static void exercise(TrajectoryReader reader) throws IOException {
    TrajectoryInfo info = reader.info();
    int frames = info.frames();
    int atoms = info.atoms();
    if (frames <= 0) {
      return;
    }
    AtomSelection atomsRead = atoms <= WHOLE_ATOMS ? AtomSelection.all() : AtomSelection.range(0, FIRST_ATOMS - 1);
    Set<Field> fields = info.fields();
    reader.read(FrameRange.single(0), atomsRead, fields);
    if (frames > 1) {
      reader.read(FrameRange.single(frames - 1), atomsRead, fields);
    }
    List<ObservableInfo> observables = info.observableInfos();
    for (int i = 0; i < Math.min(OBSERVABLES, observables.size()); i++) {
      reader.observable(observables.get(i).path(), FrameRange.single(0));
    }
  }
}
