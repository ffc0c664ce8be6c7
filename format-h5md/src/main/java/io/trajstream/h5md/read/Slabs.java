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
 * Plans the chunk tasks that cover a selection of a dataset and copies decoded chunks into flat
 * output arrays. Contiguous datasets are cut into pseudo-chunks of whole rows.
 */
public final class Slabs {
  /** Bytes a planned chunk read costs (its task and range), for {@link MemoryBudget}. */
  static final int BYTES_PER_TASK = 256;

  private final String location;
  private final long pseudoChunkBytes;

  public Slabs(long pseudoChunkBytes) {
    this("", pseudoChunkBytes);
  }

  /** Slabs of datasets of the file at {@code location} (for messages). */
  public Slabs(String location, long pseudoChunkBytes) {
    this.location = location;
    this.pseudoChunkBytes = Math.max(1, pseudoChunkBytes);
  }

  /** Rows (first dimension) per storage chunk or pseudo-chunk. */
  public int rowsPerChunk(H5Dataset ds) {
    if (ds.rank() == 0) {
      return 1;
    }
    if (!ds.contiguous()) {
      return ds.chunkShape()[0];
    }
    long rowBytes = rowBytes(ds);
    long k = Math.max(1, pseudoChunkBytes / Math.max(1, rowBytes));
    return (int) Math.min(Math.max(1, ds.shape()[0]), k);
  }

  private static long rowBytes(H5Dataset ds) {
    long[] shape = ds.shape();
    long n = ds.kind().size();
    for (int d = 1; d < shape.length; d++) {
      n *= shape[d];
    }
    return n;
  }

  /** The effective chunk shape (pseudo-chunks for contiguous data). */
  int[] effectiveChunk(H5Dataset ds) {
    int[] c = ds.chunkShape();
    if (ds.contiguous() && c.length > 0) {
      c[0] = rowsPerChunk(ds);
    }
    return c;
  }

  private ChunkRef ref(H5Dataset ds, Map<Long, ChunkRef> chunks, long[] grid, int[] eff) {
    if (!ds.contiguous()) {
      return chunks.get(ds.linear(grid));
    }
    ChunkRef whole = chunks.get(0L);
    if (whole == null || ds.rank() == 0) {
      return whole;
    }
    long rb = rowBytes(ds);
    long row0 = grid[0] * eff[0];
    long rows = Math.min(eff[0], ds.shape()[0] - row0);
    if (whole.isInline()) {
      return ChunkRef.inline(Arrays.copyOfRange(whole.inline(), (int) (row0 * rb), (int) ((row0 + rows) * rb)));
    }
    return ChunkRef.at(whole.offset() + row0 * rb, (int) (rows * rb), 0);
  }

  /**
   * Tasks that read the whole dataset into {@code out} (row-major, converted to double).
   */
  public List<ChunkTask> whole(H5Dataset ds, double[] out) throws IOException {
    Map<Long, ChunkRef> chunks = ds.chunks();
    int rank = ds.rank();
    long[] shape = ds.shape();
    List<ChunkTask> tasks = new ArrayList<>();
    if (rank == 0) {
      tasks.add(new ChunkTask(ds, new long[0], new int[0], chunks.get(0L), (t, decoded) -> {
        out[0] = decoded == null ? ds.fillValue() : ds.kind().get(decoded.bytes(), 0);
      }));
      return tasks;
    }
    int[] eff = effectiveChunk(ds);
    long[] perDim = new long[rank];
    long total = 1;
    for (int d = 0; d < rank; d++) {
      perDim[d] = (shape[d] + eff[d] - 1) / eff[d];
      total *= perDim[d];
    }
    for (long lin = 0; lin < total; lin++) {
      long[] grid = new long[rank];
      long rest = lin;
      for (int d = rank - 1; d >= 0; d--) {
        grid[d] = rest % perDim[d];
        rest /= perDim[d];
      }
      long[] origin = new long[rank];
      for (int d = 0; d < rank; d++) {
        origin[d] = grid[d] * eff[d];
      }
      tasks.add(new ChunkTask(ds, origin, eff.clone(), ref(ds, chunks, grid, eff), (t, buf) -> copyWhole(t, buf, shape, out)));
    }
    return tasks;
  }

  private static void copyWhole(ChunkTask t, Decoded decoded, long[] shape, double[] out) {
    ByteBuffer buf = decoded == null ? null : decoded.bytes();
    double fill = t.dataset().fillValue();
    int rank = shape.length;
    int[] cs = t.shape();
    long[] o = t.origin();
    int[] ext = new int[rank];
    for (int d = 0; d < rank; d++) {
      ext[d] = (int) Math.min(cs[d], shape[d] - o[d]);
    }
    DataKind kind = t.dataset().kind();
    int[] idx = new int[rank];
    int n = 1;
    for (int e : ext) {
      n *= e;
    }
    for (int i = 0; i < n; i++) {
      long src = 0;
      long dst = 0;
      for (int d = 0; d < rank; d++) {
        src = src * cs[d] + idx[d];
        dst = dst * shape[d] + o[d] + idx[d];
      }
      out[(int) dst] = buf == null ? fill : kind.get(buf, (int) src);
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < ext[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
  }

  /**
   * Tasks that read rows {@code rows} (ascending) and, for rank 3 datasets ({@code [rows, cols,
   * inner]}) or rank 2 ({@code [rows, cols]}), the columns {@code cols} (ascending; null: all) into
   * {@code out} at {@code outRow[i] * cols * inner} for the i-th row. Chunks never written read as
   * the dataset's fill value.
   */
  public List<ChunkTask> rows(H5Dataset ds, int[] rows, int[] outRow, int[] cols, float[] out)
      throws IOException {
    Map<Long, ChunkRef> chunks = ds.chunks();
    long[] shape = ds.shape();
    int rank = shape.length;
    if (rank < 1 || rank > 3) {
      throw new IllegalArgumentException(ds.path() + ": rank " + rank + " not readable by rows");
    }
    int[] eff = effectiveChunk(ds);
    int ncols = rank >= 2 ? (int) shape[1] : 1;
    int[] colSel = cols == null || rank < 2 ? null : cols;
    int c0 = colSel == null ? 0 : colSel.length == 0 ? 0 : colSel[0];
    int c1 = colSel == null ? ncols : colSel.length == 0 ? 0 : colSel[colSel.length - 1] + 1;
    int inner = rank == 3 ? (int) shape[2] : 1;
    int innerChunks = rank == 3 ? (int) ((shape[2] + eff[2] - 1) / eff[2]) : 1;
    // the chunks per row follow from the chunk shape the file declares: count them before planning
    long rowChunks = 0;
    for (int i = 0; i < rows.length; i++) {
      if (i == 0 || rows[i] / eff[0] != rows[i - 1] / eff[0]) {
        rowChunks++;
      }
    }
    // column chunks holding a selected column (a sparse selection skips the chunks between)
    long colChunks;
    if (rank < 2) {
      colChunks = 1;
    } else if (colSel == null) {
      colChunks = c1 > c0 ? (c1 - 1) / eff[1] - c0 / eff[1] + 1 : 0;
    } else {
      colChunks = 0;
      for (int k = 0; k < colSel.length; k++) {
        if (k == 0 || colSel[k] / eff[1] != colSel[k - 1] / eff[1]) {
          colChunks++;
        }
      }
    }
    MemoryBudget.check(location, ds.path(), MemoryBudget.product(rowChunks, colChunks, innerChunks, BYTES_PER_TASK),
        "reading " + rows.length + " rows in chunks of " + Arrays.toString(eff));
    int[] colGrid = new int[(int) colChunks];
    for (int k = 0, n = 0; n < colGrid.length; k++) {
      int g1 = rank < 2 ? 0 : colSel == null ? c0 / eff[1] + k : colSel[k] / eff[1];
      if (n == 0 || g1 != colGrid[n - 1]) {
        colGrid[n++] = g1;
      }
    }
    List<ChunkTask> tasks = new ArrayList<>();
    int i = 0;
    while (i < rows.length) {
      long g0 = rows[i] / eff[0];
      int j = i;
      while (j < rows.length && rows[j] / eff[0] == g0) {
        j++;
      }
      final int from = i;
      final int to = j;
      for (int g1 : colGrid) {
        for (int g2 = 0; g2 < innerChunks; g2++) {
          long[] grid = rank == 1 ? new long[] {g0} : rank == 2 ? new long[] {g0, g1} : new long[] {g0, g1, g2};
          long[] origin = new long[rank];
          for (int d = 0; d < rank; d++) {
            origin[d] = grid[d] * eff[d];
          }
          ChunkRef r = ref(ds, chunks, grid, eff);
          tasks.add(new ChunkTask(ds, origin, eff.clone(), r, (t, buf) -> {
            copyRows(t, buf, shape, rows, outRow, from, to, colSel, out, inner);
          }));
        }
      }
      i = j;
    }
    return tasks;
  }

  private static void copyRows(ChunkTask t, Decoded decoded, long[] shape, int[] rows, int[] outRow, int from, int to,
      int[] cols, float[] out, int inner) {
    int rank = shape.length;
    int[] cs = t.shape();
    long[] o = t.origin();
    int rowStride = 1;
    for (int d = 1; d < rank; d++) {
      rowStride *= cs[d];
    }
    int cs2 = rank == 3 ? cs[2] : 1;
    int colLo = rank >= 2 ? (int) o[1] : 0;
    int colHi = rank >= 2 ? (int) Math.min(o[1] + cs[1], shape[1]) : 1;
    int kLo = rank == 3 ? (int) o[2] : 0;
    int kHi = rank == 3 ? (int) Math.min(o[2] + cs[2], shape[2]) : 1;
    int nsel = rank < 2 ? 1 : cols == null ? (int) shape[1] : cols.length;
    DataKind kind = t.dataset().kind();
    // column positions of this chunk inside the selection
    int selFrom;
    int selTo;
    if (rank < 2) {
      selFrom = 0;
      selTo = 1;
    } else if (cols == null) {
      selFrom = colLo;
      selTo = colHi;
    } else {
      selFrom = lowerBound(cols, colLo);
      selTo = lowerBound(cols, colHi);
    }
    if (decoded == null) {
      // a chunk never written holds the fill value: written straight into the output
      float fill = (float) t.dataset().fillValue();
      for (int r = from; r < to; r++) {
        int dstRow = outRow[r] * nsel * inner;
        for (int s = selFrom; s < selTo; s++) {
          int dst = dstRow + s * inner;
          Arrays.fill(out, dst + kLo, dst + kHi, fill);
        }
      }
      return;
    }
    boolean fast = kind.kind() == 'f' && kind.size() == 4 && kLo == 0 && kHi == inner && cs2 == inner;
    ByteBuffer buf = fast ? null : decoded.bytes();
    for (int r = from; r < to; r++) {
      long row = rows[r];
      int inChunkRow = (int) (row - o[0]);
      int srcRow = inChunkRow * rowStride;
      int dstRow = outRow[r] * nsel * inner;
      if (fast && (cols == null || rank < 2)) {
        int ncol = selTo - selFrom;
        int srcCol = rank < 2 ? 0 : selFrom - colLo;
        decoded.floatsTo(srcRow + srcCol * cs2, ncol * inner, out, dstRow + (rank < 2 ? 0 : selFrom) * inner);
        continue;
      }
      for (int s = selFrom; s < selTo; s++) {
        int col = rank < 2 ? 0 : cols == null ? s : cols[s];
        int src = srcRow + (col - colLo) * cs2;
        int dst = dstRow + s * inner;
        if (fast) {
          decoded.floatsTo(src, inner, out, dst);
        } else {
          for (int k = kLo; k < kHi; k++) {
            out[dst + k] = (float) kind.get(buf, src + (k - kLo));
          }
        }
      }
    }
  }

  static int lowerBound(int[] a, int key) {
    int i = Arrays.binarySearch(a, key);
    if (i >= 0) {
      while (i > 0 && a[i - 1] == key) {
        i--;
      }
      return i;
    }
    return -i - 1;
  }
}
