package io.trajstream.h5md.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset of the file being built. Either chunked along its first dimension and growing (rows
 * are appended; one chunk is buffered and stored, filtered, when it fills; the chunk B-tree is
 * written when the file is finished), or contiguous with its whole content given at creation.
 */
public final class HdfDataset extends HdfNode {
  private final HdfType type;
  private final long[] rowShape;
  private final int rowBytes;
  private final HdfOutput out;
  private final ChunkEncoder encoder;
  // chunked
  private final int chunkRows;
  private final HdfFilters filters;
  private final byte[] buffer;
  private int buffered;
  private long rows;
  private final List<ChunkBTreeWriter.Chunk> chunks = new ArrayList<>();
  private long btree = LeBytes.UNDEFINED;
  private long storedBytes;
  private int submitted;
  // contiguous
  private final long[] fixedDims;
  private long dataAddress = LeBytes.UNDEFINED;
  private long dataSize;

  private HdfDataset(String path, HdfType type, long[] rowShape, int chunkRows, HdfFilters filters, long[] fixedDims, HdfOutput out,
      ChunkEncoder encoder) {
    super(path);
    this.encoder = encoder;
    this.type = type;
    this.rowShape = rowShape.clone();
    this.out = out;
    this.chunkRows = chunkRows;
    this.filters = filters;
    this.fixedDims = fixedDims;
    long rb = type.size();
    for (long d : rowShape) {
      rb = Math.multiplyExact(rb, d);
    }
    if (fixedDims == null) {
      long chunkBytes = rb * chunkRows;
      if (chunkRows < 1 || chunkBytes > Integer.MAX_VALUE - 64 || rb == 0) {
        throw new IllegalArgumentException("/" + path + ": a chunk of " + chunkRows + " rows of " + rb
            + " bytes is not between 1 byte and 2 GiB");
      }
      this.buffer = new byte[(int) chunkBytes];
    } else {
      this.buffer = null;
    }
    this.rowBytes = (int) Math.min(Integer.MAX_VALUE, rb);
  }

  static HdfDataset chunked(String path, HdfType type, long[] rowShape, int chunkRows, HdfFilters filters, HdfOutput out,
      ChunkEncoder encoder) {
    return new HdfDataset(path, type, rowShape, chunkRows, filters, null, out, encoder);
  }

  static HdfDataset contiguous(String path, HdfType type, long[] dims, byte[] data, HdfOutput out) throws IOException {
    HdfDataset d = new HdfDataset(path, type, new long[0], 1, HdfFilters.NONE, dims.clone(), out, null);
    long n = type.size();
    for (long x : dims) {
      n *= x;
    }
    if (data.length != n) {
      throw new IllegalArgumentException("/" + path + ": " + data.length + " bytes for " + n);
    }
    d.dataSize = n;
    if (n > 0) {
      d.dataAddress = out.append(data);
    }
    return d;
  }

  public HdfType type() {
    return type;
  }

  /** Rows appended so far (chunked datasets). */
  public long rows() {
    return rows;
  }

  /** Rows per chunk. */
  public int chunkRows() {
    return chunkRows;
  }

  /** Bytes stored for the chunks so far (after filters). */
  public long storedBytes() {
    return storedBytes;
  }

  /** Appends {@code count} rows of little-endian bytes from {@code src}. */
  public void appendRows(byte[] src, int off, int count) throws IOException {
    requireChunked();
    long bytes = (long) count * rowBytes;
    int at = off;
    while (bytes > 0) {
      int n = (int) Math.min(bytes, buffer.length - buffered);
      System.arraycopy(src, at, buffer, buffered, n);
      buffered += n;
      at += n;
      bytes -= n;
      if (buffered == buffer.length) {
        flushChunk();
      }
    }
    rows += count;
  }

  /** Appends {@code count} rows of float32 values from {@code v} at {@code off}. */
  public void appendFloats(float[] v, int off, int count) throws IOException {
    int per = rowBytes / 4;
    ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(count, rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v, off, count * per);
    appendRows(b.array(), 0, count);
  }

  /** Appends int64 values, one row each (a 1-D dataset). */
  public void appendLongs(long[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(v);
    appendRows(b.array(), 0, v.length * 8 / rowBytes);
  }

  /** Appends float64 values ({@code v.length} a whole number of rows). */
  public void appendDoubles(double[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    appendRows(b.array(), 0, v.length * 8 / rowBytes);
  }

  private void requireChunked() {
    if (buffer == null) {
      throw new IllegalStateException("/" + path() + " is not a growing dataset");
    }
  }

  private void flushChunk() throws IOException {
    java.util.Arrays.fill(buffer, buffered, buffer.length, (byte) 0); // an edge chunk is stored whole
    long firstRow = (long) submitted++ * chunkRows;
    encoder.submit(buffer, filters, type.size(), (at, size) -> {
      chunks.add(new ChunkBTreeWriter.Chunk(firstRow, at, size, 0));
      storedBytes += size;
    });
    buffered = 0;
  }

  /** Submits the last, partly filled chunk. */
  void flushLast() throws IOException {
    if (buffer != null && buffered > 0) {
      flushChunk();
    }
  }

  /** Writes the chunk index, once every chunk is stored. */
  void writeIndex() throws IOException {
    if (buffer == null) {
      return;
    }
    if (chunks.size() != submitted) {
      throw new IllegalStateException("/" + path() + ": " + (submitted - chunks.size()) + " chunks not stored yet");
    }
    btree = new ChunkBTreeWriter(rowShape.length + 2, chunkRows).write(out, chunks);
  }

  /** The object header: dataspace, datatype, fill value, layout, filters, attributes. */
  byte[] header(List<GlobalHeapWriter.HeapRef> refs) {
    ObjectHeaderWriter h = new ObjectHeaderWriter();
    if (buffer == null) {
      h.add(Messages.DATASPACE, Messages.dataspace(fixedDims, null));
      h.add(Messages.DATATYPE, type.encode());
      h.add(Messages.FILL_VALUE, Messages.fillValue());
      h.add(Messages.LAYOUT, Messages.contiguousLayout(dataAddress, dataSize));
    } else {
      long[] dims = new long[rowShape.length + 1];
      long[] max = new long[dims.length];
      int[] chunk = new int[dims.length];
      dims[0] = rows;
      max[0] = Messages.UNLIMITED;
      chunk[0] = chunkRows;
      for (int d = 0; d < rowShape.length; d++) {
        dims[d + 1] = rowShape[d];
        max[d + 1] = rowShape[d];
        chunk[d + 1] = (int) rowShape[d];
      }
      h.add(Messages.DATASPACE, Messages.dataspace(dims, max));
      h.add(Messages.DATATYPE, type.encode());
      h.add(Messages.FILL_VALUE, Messages.fillValue());
      h.add(Messages.LAYOUT, Messages.chunkedLayout(btree, chunk, type.size()));
      if (filters.any()) {
        h.add(Messages.FILTER_PIPELINE, Messages.filterPipeline(filters.describe(type.size())));
      }
    }
    addAttributes(h, refs);
    return h.encode();
  }
}
