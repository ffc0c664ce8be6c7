package io.trajstream.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.FormatException;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Zarr v2 array: reads and writes any hyperslab, fetching or storing the chunks it touches
 * concurrently on the hierarchy's executor. Missing chunks read as the fill value. Element bytes are
 * handed in and out in C order in the array's own byte order. Thread-safe for reads; concurrent
 * writes must touch different chunks.
 */
public final class ZarrArray {
  private final ZarrHierarchy hierarchy;
  private final String path;
  private final ArrayMetadata meta;
  private final List<Codec> filters;
  private final Codec compressor;
  private final DataType[] types;
  private final byte[] fill;

  ZarrArray(ZarrHierarchy hierarchy, String path, ArrayMetadata meta) {
    this.hierarchy = hierarchy;
    this.path = path;
    this.meta = meta;
    String where = hierarchy.store().root();
    List<Codec> fs = new ArrayList<>();
    for (Map<String, Object> f : meta.filters()) {
      fs.add(hierarchy.codecs().create(f, where, path));
    }
    this.filters = List.copyOf(fs);
    this.compressor = meta.compressor() == null ? null : hierarchy.codecs().create(meta.compressor(), where, path);
    this.types = new DataType[filters.size() + 1];
    types[0] = meta.dtype();
    for (int i = 0; i < filters.size(); i++) {
      types[i + 1] = filters.get(i).encodedType(types[i]);
    }
    this.fill = meta.fillBytes();
  }

  /**
   * An array whose {@code .zarray} is not written yet: chunks can be written first and the
   * metadata committed last with {@link #commitMetadata(JsonNode)}.
   */
  public static ZarrArray define(ZarrHierarchy hierarchy, String path, ArrayMetadata meta) {
    return new ZarrArray(hierarchy, ZarrPaths.normalize(path), meta);
  }

  /** Writes {@code .zarray} (and {@code .zattrs} when given) now and returns the array. */
  public static ZarrArray create(ZarrHierarchy hierarchy, String path, ArrayMetadata meta, JsonNode attrs) throws IOException {
    ZarrArray a = define(hierarchy, path, meta);
    a.commitMetadata(attrs);
    return a;
  }

  /** Writes this array's {@code .zattrs} (when not null), then its {@code .zarray}. */
  public void commitMetadata(JsonNode attrs) throws IOException {
    if (attrs != null) {
      hierarchy.putMetadata(ZarrPaths.key(path, ".zattrs"), attrs);
    }
    hierarchy.putMetadata(ZarrPaths.key(path, ".zarray"), meta.toJson());
  }

  /** The same array with another shape (chunks beyond the old shape are not touched). */
  public ZarrArray resized(long[] shape) {
    return new ZarrArray(hierarchy, path, meta.withShape(shape));
  }

  public String path() {
    return path;
  }

  /** The hierarchy this array belongs to. */
  public ZarrHierarchy hierarchy() {
    return hierarchy;
  }

  ZarrHierarchy hierarchyRef() {
    return hierarchy;
  }

  public ArrayMetadata metadata() {
    return meta;
  }

  public long[] shape() {
    return meta.shape();
  }

  public DataType dtype() {
    return meta.dtype();
  }

  /** The array's attributes. */
  public com.fasterxml.jackson.databind.node.ObjectNode attributes() throws IOException {
    return hierarchy.attributes(path);
  }

  /** The compressor, or null. */
  public Codec compressor() {
    return compressor;
  }

  public List<Codec> filters() {
    return filters;
  }

  /** The store key of the chunk with grid index {@code idx}. */
  public String chunkKey(long[] idx) {
    StringBuilder sb = new StringBuilder();
    if (idx.length == 0) {
      sb.append('0');
    }
    for (int i = 0; i < idx.length; i++) {
      if (i > 0) {
        sb.append(meta.separator());
      }
      sb.append(idx[i]);
    }
    return ZarrPaths.key(path, sb.toString());
  }

  private Store store() {
    return hierarchy.store();
  }

  private String where() {
    return store().root();
  }

  /**
   * Bytes of one chunk's elements, checked to fit one Java array and {@link HeapLimit} (the chunk
   * shape is declared by the file, so it is checked before any chunk buffer is allocated).
   */
  private int chunkBytes() {
    return bytesOfChunkAs(meta.dtype().size());
  }

  /**
   * The most bytes any codec stage of a chunk hands on: its elements at the widest type of the
   * pipeline (filters keep either the element count or the byte count), checked as {@link
   * #chunkBytes()}.
   */
  private int maxStageBytes() {
    int widest = 1;
    for (DataType t : types) {
      widest = Math.max(widest, t.size());
    }
    return bytesOfChunkAs(widest);
  }

  private int bytesOfChunkAs(int itemSize) {
    long n = HeapLimit.product(meta.chunkElements(), itemSize);
    if (n < 0 || n > Integer.MAX_VALUE - 8) {
      throw new FormatException(where(), path, "chunks " + Arrays.toString(meta.chunks()) + " of " + itemSize
          + "-byte elements are too large for one buffer");
    }
    HeapLimit.check(n, where(), path, "a chunk of shape " + Arrays.toString(meta.chunks()));
    return (int) n;
  }

  /** Decodes a stored chunk to its element bytes. */
  public byte[] decodeChunk(byte[] stored) throws IOException {
    byte[] data = stored;
    try {
      // No stage may give more than a chunk's worth: a stored chunk that declares more fails
      // before its buffer is allocated.
      int max = maxStageBytes();
      if (compressor != null) {
        data = compressor.decode(data, types[filters.size()], max);
      }
      for (int i = filters.size() - 1; i >= 0; i--) {
        data = filters.get(i).decode(data, types[i], max);
      }
    } catch (IOException e) {
      throw new FormatException(where(), path, "cannot decode chunk: " + e.getMessage(), e);
    }
    if (data.length != chunkBytes()) {
      throw new FormatException(where(), path, "decoded chunk has " + data.length + " bytes, expected " + chunkBytes()
          + " for chunks " + Arrays.toString(meta.chunks()) + " of " + meta.dtype() + hierarchy.staleHint());
    }
    return data;
  }

  /** Encodes element bytes of one whole chunk for storage. */
  public byte[] encodeChunk(byte[] raw) throws IOException {
    byte[] data = raw;
    for (int i = 0; i < filters.size(); i++) {
      data = filters.get(i).encode(data, types[i]);
    }
    if (compressor != null) {
      data = compressor.encode(data, types[filters.size()]);
    }
    return data;
  }

  /** The element bytes of chunk {@code idx}, or null when the chunk is not stored. */
  public byte[] readChunk(long[] idx) throws IOException {
    byte[] stored = readStored(chunkKey(idx));
    return stored == null ? null : decodeChunk(stored);
  }

  /** Encodes and stores one whole chunk. */
  public void writeChunk(long[] idx, byte[] raw) throws IOException {
    if (raw.length != chunkBytes()) {
      throw new IllegalArgumentException(path + ": chunk of " + raw.length + " bytes, expected " + chunkBytes());
    }
    store().write(chunkKey(idx), encodeChunk(raw));
  }

  /** Stores an already encoded chunk (from its position to its limit). */
  public void writeEncodedChunk(long[] idx, ByteBuffer encoded) throws IOException {
    store().write(chunkKey(idx), encoded);
  }

  /**
   * An encoder that builds this array's stored form of one whole chunk from floats as they arrive
   * (little-endian float32, C order, blosc LZ4 and no filters), or null when the array is not like that.
   */
  public io.trajstream.zarr.codec.FloatChunkEncoder floatChunkEncoder() {
    DataType type = meta.dtype();
    if (meta.order() != 'C' || !filters.isEmpty() || !(compressor instanceof io.trajstream.zarr.codec.BloscCodec b)
        || type.kind() != DataType.Kind.FLOAT || type.size() != 4 || type.order() != java.nio.ByteOrder.LITTLE_ENDIAN) {
      return null;
    }
    return b.floatChunkEncoder(chunkBytes());
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private byte[] filledChunk() {
    byte[] c = new byte[chunkBytes()];
    if (!isZero(fill)) {
      for (int i = 0; i < c.length; i += fill.length) {
        System.arraycopy(fill, 0, c, i, fill.length);
      }
    }
    return c;
  }

  private void checkRegion(long[] start, int[] count) {
    long[] shape = meta.shape();
    if (start.length != shape.length || count.length != shape.length) {
      throw new IllegalArgumentException(path + ": region of rank " + start.length + " for an array of rank " + shape.length);
    }
    for (int d = 0; d < shape.length; d++) {
      if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > shape[d]) {
        throw new IndexOutOfBoundsException(
            where() + ": " + path + ": region start=" + Arrays.toString(start) + " count=" + Arrays.toString(count)
                + " exceeds shape " + Arrays.toString(shape));
      }
    }
  }

  /**
   * Where chunk {@code idx} meets the region {@code [start, start+count)}: the overlap's start
   * inside the chunk, its start inside the region, and its extent, per dimension.
   */
  private record Overlap(int[] inChunk, int[] inRegion, int[] count) {
    static Overlap of(long[] idx, int[] chunks, long[] start, int[] regionCount) {
      int n = start.length;
      int[] inChunk = new int[n];
      int[] inRegion = new int[n];
      int[] cnt = new int[n];
      for (int d = 0; d < n; d++) {
        long c0 = idx[d] * chunks[d];
        long from = Math.max(start[d], c0);
        long to = Math.min(start[d] + regionCount[d], c0 + chunks[d]);
        inChunk[d] = (int) (from - c0);
        inRegion[d] = (int) (from - start[d]);
        cnt[d] = (int) (to - from);
      }
      return new Overlap(inChunk, inRegion, cnt);
    }
  }

  /**
   * The chunks a region touches, in C order, computed from their position in the list (a region
   * of many small chunks needs no list of them).
   */
  private record TouchedChunks(long[] lo, long[] extent, int size) {
    static TouchedChunks of(long[] start, int[] count, int[] chunks) {
      int n = start.length;
      long[] lo = new long[n];
      long[] extent = new long[n];
      long size = 1;
      for (int d = 0; d < n; d++) {
        if (count[d] == 0) {
          return new TouchedChunks(lo, extent, 0);
        }
        lo[d] = start[d] / chunks[d];
        extent[d] = (start[d] + count[d] - 1) / chunks[d] - lo[d] + 1;
        size *= extent[d]; // at most the region's element count, which fits an int
      }
      return new TouchedChunks(lo, extent, Math.toIntExact(size));
    }

    /** The grid index of the {@code i}-th touched chunk. */
    long[] get(int i) {
      long[] idx = new long[lo.length];
      long rest = i;
      for (int d = lo.length - 1; d >= 0; d--) {
        idx[d] = lo[d] + rest % extent[d];
        rest /= extent[d];
      }
      return idx;
    }
  }

  /**
   * Reads the region {@code [start, start+count)}: element bytes in C order and the array's byte
   * order (see {@link DataType#order()}).
   */
  public ByteBuffer read(long[] start, int[] count) throws IOException {
    checkRegion(start, count);
    long total = meta.dtype().size();
    for (int c : count) {
      total *= c;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(path + ": region of " + total + " bytes is too large for one read");
    }
    HeapLimit.check(total, where(), path, "reading " + Arrays.toString(count) + " elements");
    byte[] out = new byte[(int) total];
    int[] chunks = meta.chunks();
    TouchedChunks touched = TouchedChunks.of(start, count, chunks);
    boolean fortran = meta.order() == 'F';
    int item = meta.dtype().size();
    boolean zeroFill = isZero(fill);
    ParallelTasks.run(
        touched.size(),
        hierarchy.parallelism(),
        hierarchy.executor(),
        i -> {
          long[] idx = touched.get(i);
          byte[] chunk = readChunk(idx);
          Overlap o = Overlap.of(idx, chunks, start, count);
          if (chunk == null) {
            // A missing chunk: its part of the region is the fill value (no chunk-sized buffer).
            if (!zeroFill) {
              Hyperslab.fill(fill, out, count, o.inRegion(), o.count());
            }
            return;
          }
          Hyperslab.copy(chunk, chunks, fortran, o.inChunk(), out, count, false, o.inRegion(), o.count(), item);
        });
    return ByteBuffer.wrap(out).order(meta.dtype().order());
  }

  /**
   * Reads the region {@code [start, start+count)} as floats (C order) straight into {@code dst} at
   * {@code dstOff}, converting from the array's type; chunks are fetched and decoded concurrently
   * and each lands in place, without an intermediate copy of the region.
   */
  public void readFloats(long[] start, int[] count, float[] dst, int dstOff) throws IOException {
    checkRegion(start, count);
    long total = 1;
    for (int c : count) {
      total *= c;
    }
    if (dstOff < 0 || dst.length - dstOff < total) {
      throw new IllegalArgumentException(path + ": region of " + total + " elements does not fit the destination");
    }
    int n = start.length;
    int[] chunks = meta.chunks();
    TouchedChunks touched = TouchedChunks.of(start, count, chunks);
    boolean fortran = meta.order() == 'F';
    DataType type = meta.dtype();
    float fillFloat = (float) type.getDouble(ByteBuffer.wrap(fill).order(type.order()), 0);
    // Chunks that are C-order little-endian float32 behind a blosc compressor alone can be decoded in place.
    boolean direct = !fortran && filters.isEmpty() && compressor instanceof io.trajstream.zarr.codec.BloscCodec
        && type.kind() == DataType.Kind.FLOAT && type.size() == 4 && type.order() == java.nio.ByteOrder.LITTLE_ENDIAN
        && n > 0 && count.length == n;
    // With at least as many chunks as processors, chunks alone keep every processor busy.
    boolean splitBlocks = touched.size() < Runtime.getRuntime().availableProcessors();
    ParallelTasks.run(
        touched.size(),
        hierarchy.parallelism(),
        hierarchy.executor(),
        i -> {
          long[] idx = touched.get(i);
          Overlap o = Overlap.of(idx, chunks, start, count);
          int[] srcStart = o.inChunk();
          int[] dstStart = o.inRegion();
          int[] cnt = o.count();
          boolean prefix = direct;
          for (int d = 0; d < n; d++) {
            prefix &= srcStart[d] == 0 && (d == 0 || (cnt[d] == chunks[d] && cnt[d] == count[d]));
          }
          byte[] stored;
          if (prefix) {
            // The wanted part is a prefix of the chunk and lands contiguously: read the stored chunk
            // into a pooled (direct) buffer and decode it straight into dst.
            ByteBuffer pooled = readPooled(chunkKey(idx));
            try {
              if (pooled != null && io.trajstream.zarr.codec.BloscCodec.canDecodeFloats(pooled, chunkBytes())) {
                long at = dstOff;
                long stride = 1;
                for (int d = n - 1; d >= 0; d--) {
                  at += dstStart[d] * stride;
                  stride *= count[d];
                }
                int elems = cnt[0];
                for (int d = 1; d < n; d++) {
                  elems *= chunks[d];
                }
                try {
                  io.trajstream.zarr.codec.BloscCodec.decodeFloats(pooled, dst, (int) at, elems, splitBlocks);
                } catch (IOException e) {
                  throw new FormatException(where(), path, "cannot decode chunk: " + e.getMessage(), e);
                }
                return;
              }
              stored = pooled == null ? null : bytesOf(pooled);
            } finally {
              io.trajstream.zarr.codec.DirectBufferPool.give(pooled);
            }
          } else {
            stored = readStored(chunkKey(idx));
          }
          if (stored == null) {
            Hyperslab.fillFloats(fillFloat, dst, dstOff, count, dstStart, cnt);
            return;
          }
          Hyperslab.copyToFloats(decodeChunk(stored), chunks, fortran, srcStart, dst, dstOff, count, dstStart, cnt, type);
        });
  }

  /** The bytes of a buffer from index 0 to its limit: its array when it is exactly that, else a copy. */
  private static byte[] bytesOf(ByteBuffer b) {
    if (b.hasArray() && b.arrayOffset() == 0 && b.array().length == b.limit()) {
      return b.array();
    }
    byte[] out = new byte[b.limit()];
    b.get(0, out);
    return out;
  }

  /** A stored object read into a buffer from {@link io.trajstream.zarr.codec.DirectBufferPool}, or null when missing. */
  private ByteBuffer readPooled(String key) throws IOException {
    try {
      if (chunkBytes() >= LargeChunkReader.LARGE_CHUNK_BYTES) {
        ByteBuffer parts = LargeChunkReader.readInParts(store(), key);
        if (parts != null) {
          return parts;
        }
      }
      return store().readAll(key, io.trajstream.zarr.codec.DirectBufferPool::take);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  /** A stored chunk's bytes (long ones in parallel parts), or null when it is missing. */
  private byte[] readStored(String key) throws IOException {
    if (chunkBytes() >= LargeChunkReader.LARGE_CHUNK_BYTES) {
      try {
        ByteBuffer parts = LargeChunkReader.readInParts(store(), key);
        if (parts != null) {
          return bytesOf(parts);
        }
      } catch (java.io.FileNotFoundException e) {
        return null;
      }
    }
    return ZarrHierarchy.readIfExists(store(), key);
  }

  /** Reads the whole array. */
  public ByteBuffer readAll() throws IOException {
    long[] shape = meta.shape();
    int[] count = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      count[d] = Math.toIntExact(shape[d]);
    }
    return read(new long[shape.length], count);
  }

  /**
   * Writes element bytes (C order, the array's byte order) to the region {@code [start,
   * start+count)}. Chunks wholly covered are replaced; partly covered chunks are read, updated and
   * rewritten (missing ones start from the fill value).
   */
  public void write(long[] start, int[] count, ByteBuffer data) throws IOException {
    checkRegion(start, count);
    int item = meta.dtype().size();
    long total = item;
    for (int c : count) {
      total *= c;
    }
    ByteBuffer d0 = data.duplicate();
    if (d0.remaining() != total) {
      throw new IllegalArgumentException(path + ": " + d0.remaining() + " bytes given for a region of " + total);
    }
    byte[] src;
    if (d0.hasArray() && d0.arrayOffset() + d0.position() == 0 && d0.array().length == total) {
      src = d0.array();
    } else {
      src = new byte[(int) total];
      d0.get(src);
    }
    int n = start.length;
    int[] chunks = meta.chunks();
    long[] shape = meta.shape();
    boolean fortran = meta.order() == 'F';
    TouchedChunks touched = TouchedChunks.of(start, count, chunks);
    ParallelTasks.run(
        touched.size(),
        hierarchy.parallelism(),
        hierarchy.executor(),
        i -> {
          long[] idx = touched.get(i);
          Overlap o = Overlap.of(idx, chunks, start, count);
          boolean whole = true;
          for (int d = 0; d < n; d++) {
            long c0 = idx[d] * chunks[d];
            long inBounds = Math.min(c0 + chunks[d], shape[d]) - c0;
            whole &= o.inChunk()[d] == 0 && o.count()[d] == inBounds;
          }
          byte[] chunk = null;
          if (!whole) {
            chunk = readChunk(idx);
          }
          if (chunk == null) {
            chunk = filledChunk();
          }
          Hyperslab.copy(src, count, false, o.inRegion(), chunk, chunks, fortran, o.inChunk(), o.count(), item);
          writeChunk(idx, chunk);
        });
  }

  @Override
  public String toString() {
    return "ZarrArray[" + store().location(path) + ", " + meta + "]";
  }
}
