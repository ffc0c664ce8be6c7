package io.trajstream.zarrmd;

import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * zarrmd: the H5MD layout in a Zarr v2 hierarchy, as zarrtraj writes it. Probing checks for the
 * root {@code .zgroup} and the {@code h5md} or {@code particles} group — a few existence checks,
 * never a listing.
 */
public final class ZarrmdFormat implements TrajectoryFormat {
  @Override
  public String name() {
    return "zarrmd";
  }

  @Override
  public Set<String> extensions() {
    return new LinkedHashSet<>(List.of(".zarrmd", ".zarr"));
  }

  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    Store view = Stores.below(store, key);
    try {
      if (!view.exists(".zgroup")) {
        return Optional.empty();
      }
      if (view.exists("h5md/.zgroup")) {
        return Optional.of(new Probe(name(), ".zgroup and h5md/.zgroup"));
      }
      if (view.exists("particles/.zgroup")) {
        return Optional.of(new Probe(name(), ".zgroup and particles/.zgroup"));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    return ZarrmdReader.open(store, key, options);
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  @Override
  public TrajectoryWriter create(Store store, String key, TrajectoryInfo template, WriteOptions options) throws IOException {
    return ZarrmdWriter.create(store, key, template, options);
  }
}
