package org.example.xyz;

import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Plain XYZ trajectories: per frame, a line with the atom count, a comment line (where this format
 * keeps {@code step=N time=T}) and one line per atom, {@code element x y z}, in Angstrom.
 */
public final class XyzFormat implements TrajectoryFormat {
  @Override
  public String name() {
    return "xyz";
  }

  @Override
  public Set<String> extensions() {
    return Set.of(".xyz");
  }

  /** Accepts an object whose first line is a positive atom count followed by a comment line. */
  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    String head;
    try (StoreInput in = store.newInput(key)) {
      ByteBuffer b = in.read(0, (int) Math.min(in.length(), 256));
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      head = new String(bytes, StandardCharsets.US_ASCII);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    int nl = head.indexOf('\n');
    if (nl < 0 || head.indexOf('\n', nl + 1) < 0 && head.length() == 256) {
      return Optional.empty();
    }
    try {
      return Integer.parseInt(head.substring(0, nl).strip()) > 0
          ? Optional.of(new Probe(name(), "atom count on the first line")) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    return XyzReader.open(store, key);
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  @Override
  public TrajectoryWriter create(Store store, String key, TrajectoryInfo template, WriteOptions options) {
    return new XyzWriter(store, key, template.atoms());
  }
}
