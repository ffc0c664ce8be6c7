package io.trajstream.h5md.read;

import io.trajstream.format.FormatException;
import io.trajstream.h5md.codec.ChunkFilter;
import io.trajstream.h5md.codec.FilterFailure;
import io.trajstream.h5md.codec.Filters;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.h5md.codec.DeflateFilter;
import io.trajstream.h5md.codec.ShuffleFilter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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

  /**
   * Decodes one chunk into {@code ctx}'s scratch arrays: inflate writes straight into scratch, and a
   * final byte shuffle is left for the sink to undo while copying ({@link Decoded#floatsTo}). The
   * result is valid until {@code ctx} decodes the next chunk.
   *
   * @param expectedSize the chunk's decoded size; a chunk that decodes to fewer bytes, or whose
   *     filters would produce more, fails with a {@link FormatException} naming file and dataset
   */
  public Decoded decode(H5Dataset ds, ChunkRef ref, ByteBuffer stored, int expectedSize, DecodeContext ctx) {
    Decoded d = pipeline(ds, ref, stored, expectedSize, ctx);
    if (d.length() < expectedSize) {
      throw new FormatException(location, ds.path(), "the chunk at byte " + ref.offset() + " (" + stored.remaining()
          + " bytes stored) decodes to " + d.length() + " bytes, expected " + expectedSize);
    }
    return d;
  }

  private Decoded pipeline(H5Dataset ds, ChunkRef ref, ByteBuffer stored, int expectedSize, DecodeContext ctx) {
    List<FilterSpec> filters = ds.filters();
    if (!filters.isEmpty()) {
      MemoryBudget.check(location, ds.path(), 2L * expectedSize, "decoding a chunk of " + expectedSize + " bytes");
    }
    ByteOrder order = ds.kind().order();
    // the current bytes: cur[curOff, curOff + curLen) in scratch slot curSlot (-1: not scratch)
    byte[] cur = null;
    int curOff = 0;
    int curLen = stored.remaining();
    int curSlot = -1;
    ByteBuffer curBuf = stored;
    int last = -1; // the last step to run: the lowest filter index not skipped by the mask
    for (int i = 0; i < filters.size(); i++) {
      if ((ref.filterMask() >>> i & 1) == 0) {
        last = i;
        break;
      }
    }
    for (int i = filters.size() - 1; i >= 0; i--) {
      if ((ref.filterMask() >>> i & 1) != 0) {
        continue;
      }
      FilterSpec f = filters.get(i);
      int id = f.id();
      try {
        if (id == Filters.DEFLATE) {
          int slot = curSlot == 0 ? 1 : 0;
          ByteBuffer in = curBuf != null ? curBuf : ByteBuffer.wrap(cur, curOff, curLen);
          int[] n = new int[1];
          cur = DeflateFilter.inflate(ctx.inflater, in, ctx.scratch(slot, Math.max(expectedSize, 64)), expectedSize,
              size -> ctx.grow(slot, size), n);
          curOff = 0;
          curLen = n[0];
          curSlot = slot;
          curBuf = null;
          continue;
        }
        if (curBuf != null) {
          // stored bytes as an array: read-only buffers are copied once into scratch
          if (curBuf.hasArray()) {
            cur = curBuf.array();
            curOff = curBuf.arrayOffset() + curBuf.position();
          } else {
            cur = ctx.scratch(0, curLen);
            curBuf.duplicate().get(cur, 0, curLen);
            curOff = 0;
            curSlot = 0;
          }
          curBuf = null;
        }
        if (id == Filters.SHUFFLE) {
          int es = f.clientData().length > 0 ? f.clientData()[0] : 1;
          if (i == last && es > 1) {
            checkSize(ds, ref, curLen, expectedSize);
            return ctx.decoded.set(cur, curOff, curLen, es, curSlot, order);
          }
          int slot = curSlot == 0 ? 1 : 0;
          byte[] out = ctx.scratch(slot, curLen);
          ShuffleFilter.unshuffle(cur, curOff, curLen, es, out, 0);
          cur = out;
          curOff = 0;
          curSlot = slot;
          continue;
        }
        ChunkFilter filter = Filters.forId(id);
        if (filter == null) {
          throw unsupported(ds, id);
        }
        byte[] in = curOff == 0 && curLen == cur.length ? cur : Arrays.copyOfRange(cur, curOff, curOff + curLen);
        cur = filter.decode(in, f.clientData(), expectedSize);
        curOff = 0;
        curLen = cur.length;
        curSlot = -1;
      } catch (FilterFailure e) {
        throw new FormatException(location, ds.path(),
            Filters.name(id) + " (filter " + id + ") failed on " + where(ref) + ": " + e.getMessage(), e);
      }
    }
    checkSize(ds, ref, curLen, expectedSize);
    if (curBuf != null) {
      return ctx.decoded.set(curBuf.duplicate(), order);
    }
    return ctx.decoded.set(cur, curOff, curLen, 0, curSlot, order);
  }

  /**
   * Fails naming the dataset when a stored chunk's byte range does not lie inside the file of
   * {@code fileLength} bytes (a corrupt chunk index or byte-range index).
   */
  public void checkWithin(H5Dataset ds, ChunkRef ref, long fileLength) {
    if (ref.offset() < 0 || ref.size() < 0 || ref.offset() > fileLength || ref.size() > fileLength - ref.offset()) {
      throw new FormatException(location, ds.path(), "the chunk of " + ref.size() + " bytes at byte " + ref.offset()
          + " passes the end of the file (" + fileLength + " bytes)");
    }
  }

  private static String where(ChunkRef ref) {
    return ref.isInline() ? "the chunk stored in the index" : "the chunk at byte " + ref.offset();
  }

  /**
   * A chunk of a chunked or compact dataset always decodes to the full chunk (HDF5 pads edge
   * chunks); sinks rely on that. Pseudo-chunks of contiguous data are cut to the dataset's rows.
   */
  private void checkSize(H5Dataset ds, ChunkRef ref, int decoded, int expectedSize) {
    if (!ds.contiguous() && decoded != expectedSize) {
      throw new FormatException(location, ds.path(), where(ref) + " decodes to " + decoded
          + " bytes, expected " + expectedSize);
    }
  }
}
