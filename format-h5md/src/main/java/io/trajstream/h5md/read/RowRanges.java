package io.trajstream.h5md.read;

import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.DataKind;
import io.trajstream.h5md.tree.H5Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Plans the chunk tasks that read a range of rows (first dimension) of a dataset of any rank, every
 * other dimension whole, into a flat {@code double[]} — for observables, whose samples may have any
 * shape. A chunked dataset is read by the chunks that cover the rows; a contiguous one by exactly
 * the bytes of the rows.
 */
public final class RowRanges {
  private RowRanges() {}

  /**
   * Tasks that read rows {@code [row0, row0+nRows)} of {@code ds} into {@code out} from {@code
   * outOffset} (row-major, converted to double). Elements of chunks never written read as the
   * dataset's fill value.
   */
  public static List<ChunkTask> tasks(H5Dataset ds, long row0, int nRows, double[] out, int outOffset) throws IOException {
    return tasks("", ds, row0, nRows, out, outOffset);
  }

  /** As above, for a dataset of the file at {@code location} (named when the read is too large to plan). */
  public static List<ChunkTask> tasks(String location, H5Dataset ds, long row0, int nRows, double[] out, int outOffset)
      throws IOException {
    long[] shape = ds.shape();
    int rank = shape.length;
    if (rank < 1) {
      throw new IllegalArgumentException(ds.path() + ": a scalar has no rows");
    }
    if (row0 < 0 || nRows < 0 || row0 + nRows > shape[0]) {
      throw new IndexOutOfBoundsException(ds.path() + ": rows [" + row0 + ", " + (row0 + nRows) + ") of " + shape[0]);
    }
    List<ChunkTask> tasks = new ArrayList<>();
    long rowValues = 1;
    for (int d = 1; d < rank; d++) {
      rowValues *= shape[d];
    }
    if (nRows == 0 || rowValues == 0) {
      return tasks;
    }
    Map<Long, ChunkRef> chunks = ds.chunks();
    if (ds.contiguous()) {
      // One pseudo-chunk of exactly the rows asked for.
      int[] cs = new int[rank];
      cs[0] = nRows;
      for (int d = 1; d < rank; d++) {
        cs[d] = (int) shape[d];
      }
      long[] origin = new long[rank];
      origin[0] = row0;
      long rowBytes = rowValues * ds.kind().size();
      ChunkRef whole = chunks.get(0L);
      ChunkRef ref = null;
      if (whole != null && whole.isInline()) {
        ref = ChunkRef.inline(Arrays.copyOfRange(whole.inline(), (int) (row0 * rowBytes), (int) ((row0 + nRows) * rowBytes)));
      } else if (whole != null) {
        ref = ChunkRef.at(whole.offset() + row0 * rowBytes, Math.toIntExact(nRows * rowBytes), 0);
      }
      tasks.add(new ChunkTask(ds, origin, cs, ref, (t, dec) -> copy(t, dec, shape, row0, nRows, out, outOffset)));
      return tasks;
    }
    int[] cs = ds.chunkShape();
    long[] perDim = new long[rank];
    long inner = 1;
    for (int d = 1; d < rank; d++) {
      perDim[d] = (shape[d] + cs[d] - 1) / cs[d];
      inner *= perDim[d];
    }
    long rowChunks = (row0 + nRows - 1) / cs[0] - row0 / cs[0] + 1;
    MemoryBudget.check(location, ds.path(), MemoryBudget.product(rowChunks, inner, Slabs.BYTES_PER_TASK),
        "reading " + nRows + " rows in chunks of " + Arrays.toString(cs));
    for (long g0 = row0 / cs[0]; g0 <= (row0 + nRows - 1) / cs[0]; g0++) {
      for (long lin = 0; lin < inner; lin++) {
        long[] grid = new long[rank];
        grid[0] = g0;
        long rest = lin;
        for (int d = rank - 1; d >= 1; d--) {
          grid[d] = rest % perDim[d];
          rest /= perDim[d];
        }
        long[] origin = new long[rank];
        for (int d = 0; d < rank; d++) {
          origin[d] = grid[d] * cs[d];
        }
        tasks.add(new ChunkTask(ds, origin, cs.clone(), chunks.get(ds.linear(grid)),
            (t, dec) -> copy(t, dec, shape, row0, nRows, out, outOffset)));
      }
    }
    return tasks;
  }

  /** Copies the part of one decoded chunk that lies in the rows asked for. */
  private static void copy(ChunkTask t, Decoded decoded, long[] shape, long row0, int nRows, double[] out, int outOffset) {
    ByteBuffer buf = decoded == null ? null : decoded.bytes();
    double fill = t.dataset().fillValue();
    int rank = shape.length;
    int[] cs = t.shape();
    long[] o = t.origin();
    long first = Math.max(o[0], row0);
    long end = Math.min(Math.min(o[0] + cs[0], shape[0]), row0 + nRows);
    if (end <= first) {
      return;
    }
    int[] lo = new int[rank];
    int[] ext = new int[rank];
    lo[0] = (int) (first - o[0]);
    ext[0] = (int) (end - first);
    long n = ext[0];
    for (int d = 1; d < rank; d++) {
      ext[d] = (int) Math.min(cs[d], shape[d] - o[d]);
      n *= ext[d];
    }
    DataKind kind = t.dataset().kind();
    int[] idx = new int[rank];
    for (long i = 0; i < n; i++) {
      long src = 0;
      long dst = 0;
      for (int d = 0; d < rank; d++) {
        src = src * cs[d] + lo[d] + idx[d];
        dst = dst * (d == 0 ? nRows : shape[d]) + (d == 0 ? first + idx[0] - row0 : o[d] + idx[d]);
      }
      out[(int) (outOffset + dst)] = buf == null ? fill : kind.get(buf, (int) src);
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < ext[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
  }
}
