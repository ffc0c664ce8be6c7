package io.trajstream.h5md;

import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages compare a reader's observables with h5py's reading ({@link ObservableCheck}). */
public final class ObservablesAccess {
  private ObservablesAccess() {}

  /** Fails unless {@code r}'s observables equal what h5py reads from {@code file}. */
  public static void compareWithH5py(String label, Path file, TrajectoryReader r) throws IOException {
    ObservableCheck.compare(label, r, ObservableCheck.dump(file.toString()));
  }
}
