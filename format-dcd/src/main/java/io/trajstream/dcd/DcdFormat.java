package io.trajstream.dcd;

import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.Set;

/**
 * CHARMM and NAMD DCD trajectories: positions in Angstrom, an optional unit cell, either byte order
 * (told by the first record marker), 32-bit or 64-bit record markers. Time comes from the header's
 * ISTART, NSAVC and DELTA (AKMA units, converted to ps as MDAnalysis does); the step of frame
 * {@code f} is {@code ISTART + f * NSAVC}. Files with fixed atoms are refused. Read-only.
 */
public final class DcdFormat implements TrajectoryFormat {
  static final String NAME = "dcd";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> extensions() {
    return Set.of(".dcd");
  }

  /** Accepts an object whose first record marker says 84 bytes, followed by {@code CORD}. */
  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      if (in.length() < 16) {
        return Optional.empty();
      }
      Object[] kind = DcdLayout.sniff(in.read(0, 16).slice());
      if (kind == null) {
        return Optional.empty();
      }
      String order = kind[0] == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian";
      return Optional.of(new Probe(NAME, order + " " + (Integer) kind[1] * 8 + "-bit record marker 84, then CORD"));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    StoreInput in = store.newInput(key);
    try {
      String location = in.location();
      long length = in.length();
      return new DcdReader(in, location, DcdLayout.read(in, location), length);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
