package io.trajstream.xtc;

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
import java.util.Optional;
import java.util.Set;

/**
 * GROMACS XTC trajectories: XDR (big-endian) frames of step, time, box and lossy-compressed
 * positions in nm, at the precision stored in each frame. Read-only.
 *
 * <p>Opening scans the frame headers once to find where each frame starts (a few bytes per frame;
 * the compressed coordinates are skipped). Where the store is writable, the result is kept beside
 * the file as {@code <key>.offsets} and reused by later opens while the file keeps its length.
 * Read option {@code offsets=none} neither reads nor writes that object.
 */
public final class XtcFormat implements TrajectoryFormat {
  static final String NAME = "xtc";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> extensions() {
    return Set.of(".xtc");
  }

  /** Accepts an object that starts with the XDR magic 1995 and repeats the atom count at byte 52. */
  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      if (in.length() < XtcIndex.HEADER) {
        return Optional.empty();
      }
      ByteBuffer b = in.read(0, XtcIndex.HEADER).slice().order(ByteOrder.BIG_ENDIAN);
      int atoms = b.getInt(4);
      if (b.getInt(0) == XtcIndex.MAGIC && atoms >= 0 && b.getInt(52) == atoms) {
        return Optional.of(new Probe(NAME, "XDR magic 1995 and atom count " + atoms + " repeated at byte 52"));
      }
      return Optional.empty();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    StoreInput in = store.newInput(key);
    try {
      String location = in.location();
      boolean cache = !"none".equalsIgnoreCase(options.get("offsets", "auto").trim());
      String cacheKey = key + ".offsets";
      XtcIndex index = cache ? XtcIndex.loadCached(store, cacheKey, in, location) : null;
      String source = "cached";
      if (index == null) {
        index = XtcIndex.scan(in, location);
        source = "scanned";
        if (cache && store.capabilities().writable()) {
          try {
            store.write(cacheKey, index.toBytes());
          } catch (IOException | RuntimeException e) {
            // the offsets are a cache: a store that refuses the write only costs a scan next time
          }
        }
      }
      return new XtcReader(in, location, index, source);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
