package io.trajstream.zarr;

import io.trajstream.format.FormatException;
import io.trajstream.zarr.codec.FloatChunkEncoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Appends rows (slices along the first dimension) to a Zarr array chunk by chunk: a chunk is encoded
 * and stored as soon as it is full, on the hierarchy's executor, while the next one fills. Memory is
 * bounded by about two chunks whatever the number of rows. The array's metadata is not written here:
 * call {@link #finish()} and commit the returned array's metadata once every appender has finished.
 *
 * <p>Float32 arrays with blosc LZ4 (zarrtraj's default) take a faster path: rows go from the caller's
 * floats straight into the chunk's shuffled block layout, Blosc blocks are compressed on a bounded
 * pool while the chunk still fills, and the finished frame is stored on the hierarchy's executor while
 * the next chunk fills. Memory then is one chunk of elements, the frame being compressed and at most
 * one frame being stored.
 */
public final class ArrayAppender {
  private final ZarrHierarchy hierarchy;
  private final String path;
  private final Executor executor;
  private ArrayMetadata meta;
  private ZarrArray array;
  private final int rowBytes;
  private final int chunkRows;
  private final boolean mayShrink;
  private byte[] buffer;
  private int rowsInBuffer;
  private long chunkIndex;
  private long rows;
  private boolean flushedAny;
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  /** The chunk last handed to the executor: reused as the next buffer once stored. */
  private byte[] inFlight;
  private byte[] spare;
  /** Builds frames while chunks fill (float32 with blosc LZ4), or null. */
  private final FloatChunkEncoder encoder;
  /** The frame last handed to the executor: given back to the encoder once stored. */
  private ByteBuffer frameInFlight;
  /** Why a chunk could not be stored; every later store attempt fails with it as the cause. */
  private Throwable failed;
  private final int rowElems;

  private ArrayAppender(ZarrHierarchy hierarchy, String path, ArrayMetadata meta, Executor executor, boolean mayShrink) {
    this.hierarchy = hierarchy;
    this.path = ZarrPaths.normalize(path);
    this.executor = executor;
    this.meta = meta;
    this.array = ZarrArray.define(hierarchy, this.path, meta);
    long[] shape = meta.shape();
    int[] chunks = meta.chunks();
    if (shape.length == 0) {
      throw new IllegalArgumentException(path + ": cannot append to a scalar array");
    }
    long rb = meta.dtype().size();
    for (int d = 1; d < shape.length; d++) {
      if (chunks[d] != shape[d]) {
        throw new FormatException(hierarchy.store().root(), path,
            "appending needs chunks spanning whole rows; chunks " + Arrays.toString(chunks) + " vs shape " + Arrays.toString(shape));
      }
      rb *= shape[d];
    }
    // The chunk shape may come from a file (when appending): check it before any buffer is made.
    long chunkBytes = HeapLimit.product(rb, chunks[0]);
    if (chunkBytes < 0 || chunkBytes > Integer.MAX_VALUE - 8) {
      throw new FormatException(hierarchy.store().root(), path, "chunks " + Arrays.toString(chunks) + " of shape "
          + Arrays.toString(shape) + " are too large for one buffer");
    }
    HeapLimit.check(chunkBytes, hierarchy.store().root(), path, "a chunk of shape " + Arrays.toString(chunks));
    this.rowBytes = (int) rb;
    this.chunkRows = chunks[0];
    this.mayShrink = mayShrink;
    this.rows = shape[0];
    this.chunkIndex = rows / chunkRows;
    this.rowsInBuffer = (int) (rows % chunkRows);
    this.rowElems = rowBytes / meta.dtype().size();
    this.encoder = array.floatChunkEncoder();
  }

  /** Starts a new array (its first dimension must be 0). */
  public static ArrayAppender create(ZarrHierarchy hierarchy, String path, ArrayMetadata meta) {
    if (meta.shape()[0] != 0) {
      throw new IllegalArgumentException(path + ": a new array starts with 0 rows");
    }
    return new ArrayAppender(hierarchy, path, meta, hierarchy.executor(), true);
  }

  /**
   * Continues an existing array: the rows of a partly filled last chunk are read back so that the
   * chunk is rewritten whole.
   */
  public static ArrayAppender resume(ZarrArray existing) throws IOException {
    ArrayAppender a = new ArrayAppender(existing.hierarchyRef(), existing.path(), existing.metadata(), existing.hierarchyRef().executor(), false);
    if (a.rowsInBuffer > 0) {
      long[] idx = new long[existing.metadata().rank()];
      idx[0] = a.chunkIndex;
      byte[] chunk = existing.readChunk(idx);
      if (a.encoder != null) {
        if (chunk == null) {
          chunk = a.filled(a.rowsInBuffer * a.rowBytes);
        }
        a.encoder.putBytes(chunk, 0, 0, a.rowsInBuffer * a.rowElems);
        return a;
      }
      a.ensureCapacity(a.rowsInBuffer);
      if (chunk != null) {
        System.arraycopy(chunk, 0, a.buffer, 0, a.rowsInBuffer * a.rowBytes);
      }
    }
    return a;
  }

  /** Rows so far, including those of a resumed array. */
  public long rows() {
    return rows;
  }

  /** Rows per chunk. */
  public int chunkRows() {
    return chunkRows;
  }

  private void ensureCapacity(int rowsNeeded) {
    long need = (long) rowsNeeded * rowBytes;
    if (buffer != null && buffer.length >= need) {
      return;
    }
    long full = (long) chunkRows * rowBytes;
    if (buffer == null && spare != null && spare.length == full) {
      buffer = spare;
      spare = null;
      return;
    }
    if (buffer == null && flushedAny) {
      // Steady state: whole chunks fill up, so allocate one at once instead of growing.
      buffer = new byte[(int) full];
      return;
    }
    long size = buffer == null ? Math.min(full, Math.max(need, 1 << 16)) : Math.min(full, Math.max(need, buffer.length * 2L));
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(path + ": chunk of " + full + " bytes is too large");
    }
    buffer = buffer == null ? new byte[(int) size] : Arrays.copyOf(buffer, (int) size);
  }

  /** {@code n} bytes of the fill value, repeated. */
  private byte[] filled(int n) {
    byte[] out = new byte[n];
    byte[] fill = meta.fillBytes();
    boolean zero = true;
    for (byte b : fill) {
      zero &= b == 0;
    }
    if (!zero && n > 0) {
      System.arraycopy(fill, 0, out, 0, Math.min(fill.length, n));
      for (int have = fill.length; have < n; have *= 2) {
        System.arraycopy(out, 0, out, have, Math.min(have, n - have));
      }
    }
    return out;
  }

  /** Appends {@code n} rows from {@code data} at {@code off} (element bytes in the array's byte order). */
  public void append(byte[] data, int off, int n) throws IOException {
    int done = 0;
    while (done < n) {
      int take = Math.min(n - done, chunkRows - rowsInBuffer);
      if (encoder != null) {
        encoder.putBytes(data, off + done * rowBytes, rowsInBuffer * rowElems, take * rowElems);
      } else {
        ensureCapacity(rowsInBuffer + take);
        System.arraycopy(data, off + done * rowBytes, buffer, rowsInBuffer * rowBytes, take * rowBytes);
      }
      rowsInBuffer += take;
      rows += take;
      done += take;
      if (rowsInBuffer == chunkRows) {
        flush();
      }
    }
  }

  /**
   * Appends {@code n} rows of a float32 array from {@code data} at element {@code off}, without an
   * intermediate byte copy when the array takes the float path.
   */
  public void appendFloats(float[] data, int off, int n) throws IOException {
    if (meta.dtype().kind() != DataType.Kind.FLOAT || meta.dtype().size() != 4) {
      throw new IllegalStateException(path + ": appendFloats needs a float32 array, not " + meta.dtype());
    }
    int done = 0;
    while (done < n) {
      int take = Math.min(n - done, chunkRows - rowsInBuffer);
      if (encoder != null) {
        encoder.put(data, off + done * rowElems, rowsInBuffer * rowElems, take * rowElems);
      } else {
        ensureCapacity(rowsInBuffer + take);
        ByteBuffer.wrap(buffer, rowsInBuffer * rowBytes, take * rowBytes).order(meta.dtype().order()).asFloatBuffer()
            .put(data, off + done * rowElems, take * rowElems);
      }
      rowsInBuffer += take;
      rows += take;
      done += take;
      if (rowsInBuffer == chunkRows) {
        flush();
      }
    }
  }

  private void flush() throws IOException {
    if (encoder != null) {
      flushFrame();
      return;
    }
    byte[] chunk = buffer.length == chunkRows * rowBytes ? buffer : Arrays.copyOf(buffer, chunkRows * rowBytes);
    awaitPending();
    inFlight = chunk;
    storeNext((target, idx) -> target.writeChunk(idx, chunk));
    buffer = null;
  }

  /** Takes the finished frame and stores it on the executor once the previous one is stored. */
  private void flushFrame() throws IOException {
    ByteBuffer frame = encoder.finishFrame();
    awaitPending();
    frameInFlight = frame;
    storeNext((target, idx) -> target.writeEncodedChunk(idx, frame));
  }

  /** Stores one chunk of an array at its index. */
  private interface ChunkWrite {
    void write(ZarrArray target, long[] idx) throws IOException;
  }

  /** Stores the next chunk on the executor (the previous one is stored) and starts the chunk after it. */
  private void storeNext(ChunkWrite write) {
    long[] idx = new long[meta.rank()];
    idx[0] = chunkIndex;
    ZarrArray target = array;
    pending = CompletableFuture.runAsync(
        () -> {
          try {
            write.write(target, idx);
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        executor);
    flushedAny = true;
    chunkIndex++;
    rowsInBuffer = 0;
  }

  private void awaitPending() throws IOException {
    if (failed != null) {
      // Never the same exception object twice (a later close would then suppress it into itself).
      throw new IOException(path + ": an earlier chunk could not be stored", failed);
    }
    try {
      pending.get();
      if (frameInFlight != null) {
        encoder.recycle(frameInFlight);
        frameInFlight = null;
      }
      if (inFlight != null && spare == null) {
        spare = inFlight;
        inFlight = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing a chunk of " + path);
    } catch (ExecutionException e) {
      Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
      failed = c;
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }

  /**
   * Stores the last, partly filled chunk (padded with the fill value) and returns the array with
   * its final shape; its metadata is not written. A new array that never filled a chunk gets chunks
   * of exactly its row count, as zarrtraj does.
   */
  public ZarrArray finish() throws IOException {
    awaitPending();
    long[] shape = meta.shape();
    shape[0] = rows;
    if (rowsInBuffer > 0 && encoder != null) {
      if (mayShrink && !flushedAny) {
        buffer = encoder.takePlain(rowsInBuffer * rowElems);
      } else {
        int fillBits = (int) java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN)
            .get(meta.fillBytes(), 0);
        encoder.fill(rowsInBuffer * rowElems, fillBits);
        long[] idx = new long[meta.rank()];
        idx[0] = chunkIndex;
        ByteBuffer frame = encoder.finishFrame();
        array.writeEncodedChunk(idx, frame);
        encoder.recycle(frame);
        rowsInBuffer = 0;
      }
    }
    if (encoder != null) {
      encoder.release();
    }
    if (rowsInBuffer > 0) {
      if (mayShrink && !flushedAny) {
        int[] chunks = meta.chunks();
        chunks[0] = rowsInBuffer;
        meta = new ArrayMetadata(shape, chunks, meta.dtype(), meta.fillValue(), meta.order(), meta.separator(), meta.compressor(), meta.filters());
        array = ZarrArray.define(hierarchy, path, meta);
        byte[] chunk = Arrays.copyOf(buffer, rowsInBuffer * rowBytes);
        long[] idx = new long[meta.rank()];
        array.writeChunk(idx, chunk);
      } else {
        byte[] chunk = filled(chunkRows * rowBytes);
        System.arraycopy(buffer, 0, chunk, 0, rowsInBuffer * rowBytes);
        long[] idx = new long[meta.rank()];
        idx[0] = chunkIndex;
        array.writeChunk(idx, chunk);
      }
      rowsInBuffer = 0;
      buffer = null;
    }
    meta = meta.withShape(shape);
    array = ZarrArray.define(hierarchy, path, meta);
    return array;
  }
}
