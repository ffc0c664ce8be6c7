package io.trajstream.trr;

import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * GROMACS TRR trajectories: XDR (big-endian) frames with any of box, positions (nm), velocities
 * (nm/ps) and forces (kJ/(mol nm)), with step, time (ps) and lambda (the observable {@code
 * lambda}), in single or double precision (told per frame by the block sizes). Read-only. Opening
 * scans the frame headers once.
 */
public final class TrrFormat implements TrajectoryFormat {
  static final String NAME = "trr";
  private static final byte[] VERSION = "GMX_trn_file".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> extensions() {
    return Set.of(".trr");
  }

  /** Accepts an object that starts with the XDR magic 1993 and the version string {@code GMX_trn_file}. */
  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      if (in.length() < 12 + VERSION.length) {
        return Optional.empty();
      }
      ByteBuffer b = in.read(0, 12 + VERSION.length).slice().order(ByteOrder.BIG_ENDIAN);
      if (b.getInt(0) != TrrHeader.MAGIC || b.getInt(4) != VERSION.length + 1 || b.getInt(8) != VERSION.length) {
        return Optional.empty();
      }
      for (int i = 0; i < VERSION.length; i++) {
        if (b.get(12 + i) != VERSION[i]) {
          return Optional.empty();
        }
      }
      return Optional.of(new Probe(NAME, "XDR magic 1993 and version string GMX_trn_file"));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    StoreInput in = store.newInput(key);
    try {
      return new TrrReader(in, in.location(), TrrIndex.scan(in, in.location()));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
