package io.trajstream.h5md.read;

import io.trajstream.format.FormatException;
import io.trajstream.h5md.codec.ChunkFilter;
import io.trajstream.h5md.codec.FilterFailure;
import io.trajstream.h5md.codec.Filters;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import java.nio.ByteBuffer;
import java.util.List;

/** Runs a dataset's HDF5 filter pipeline backwards over one stored chunk. */
public final class ChunkDecoder {
  private final String location;

  public ChunkDecoder(String location) {
    this.location = location;
  }

  /** Fails naming filter id, dataset and file when a filter of {@code ds} cannot be decoded. */
  public void checkSupported(H5Dataset ds) {
    for (FilterSpec f : ds.filters()) {
      if (Filters.forId(f.id()) == null) {
        throw unsupported(ds, f.id());
      }
    }
  }

  private FormatException unsupported(H5Dataset ds, int id) {
    return new FormatException(location, ds.path(),
        "unsupported HDF5 filter id " + id + " (supported: deflate 1, shuffle 2, fletcher32 3, lzf 32000, blosc 32001, "
            + "lz4 32004, bitshuffle 32008, zstd 32015)");
  }

  /** The decoded bytes of one chunk in the dataset's byte order, position 0. */
  public ByteBuffer decode(H5Dataset ds, ChunkRef ref, ByteBuffer stored, int expectedSize) {
    List<FilterSpec> filters = ds.filters();
    if (filters.isEmpty()) {
      return stored.duplicate().order(ds.kind().order());
    }
    byte[] b = new byte[stored.remaining()];
    stored.duplicate().get(b);
    for (int i = filters.size() - 1; i >= 0; i--) {
      if ((ref.filterMask() >>> i & 1) != 0) {
        continue;
      }
      FilterSpec f = filters.get(i);
      ChunkFilter filter = Filters.forId(f.id());
      if (filter == null) {
        throw unsupported(ds, f.id());
      }
      try {
        b = filter.decode(b, f.clientData(), expectedSize);
      } catch (FilterFailure e) {
        throw new FormatException(location, ds.path(),
            Filters.name(f.id()) + " (filter " + f.id() + ") failed on the chunk at byte " + ref.offset() + ": " + e.getMessage(), e);
      }
    }
    return ByteBuffer.wrap(b).order(ds.kind().order());
  }
}
