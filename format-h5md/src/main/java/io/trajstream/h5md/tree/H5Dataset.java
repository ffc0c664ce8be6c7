package io.trajstream.h5md.tree;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A numeric dataset: shape, element type, filters and where its bytes are. Storage is described as
 * a chunk grid in every case: a contiguous dataset is one chunk covering the whole shape (readers
 * split it into pseudo-chunks), a compact one an inline chunk. The chunk index is loaded on first
 * use and kept.
 */
public final class H5Dataset implements H5Node {
  /** Loads a chunk index on demand. */
  @FunctionalInterface
  public interface ChunkIndexLoader {
    Map<Long, ChunkRef> load() throws IOException;
  }

  private final String path;
  private final long objectId;
  private final Map<String, Object> attributes;
  private final long[] shape;
  private final DataKind kind;
  private final int[] chunkShape;
  private final boolean contiguous;
  private final List<FilterSpec> filters;
  private final double fillValue;
  /** Dropped once loaded, so that a loaded dataset keeps nothing of the metadata reader alive. */
  private ChunkIndexLoader loader;
  private volatile Map<Long, ChunkRef> chunks;

  public H5Dataset(String path, long objectId, Map<String, Object> attributes, long[] shape, DataKind kind,
      int[] chunkShape, boolean contiguous, List<FilterSpec> filters, ChunkIndexLoader loader) {
    this(path, objectId, attributes, shape, kind, chunkShape, contiguous, filters, 0, loader);
  }

  /**
   * A dataset whose elements never written read as {@code fillValue}.
   *
   * @throws IllegalArgumentException when the shape or chunk shape is negative, or the number of
   *     elements or chunks does not fit in a long
   */
  public H5Dataset(String path, long objectId, Map<String, Object> attributes, long[] shape, DataKind kind,
      int[] chunkShape, boolean contiguous, List<FilterSpec> filters, double fillValue, ChunkIndexLoader loader) {
    checkShape(shape, chunkShape, kind);
    this.path = path;
    this.objectId = objectId;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.shape = shape.clone();
    this.kind = kind;
    this.chunkShape = chunkShape.clone();
    this.contiguous = contiguous;
    this.filters = List.copyOf(filters);
    this.fillValue = fillValue;
    this.loader = loader;
  }

  private static void checkShape(long[] shape, int[] chunkShape, DataKind kind) {
    if (chunkShape.length != shape.length) {
      throw new IllegalArgumentException("chunk shape " + Arrays.toString(chunkShape) + " does not match shape " + Arrays.toString(shape));
    }
    long elements = 1;
    long chunkBytes = kind.size();
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0 || chunkShape[d] < 0 || (chunkShape[d] == 0 && shape[d] > 0)) {
        throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " with chunks " + Arrays.toString(chunkShape));
      }
      try {
        elements = Math.multiplyExact(elements, shape[d]);
        chunkBytes = Math.multiplyExact(chunkBytes, (long) chunkShape[d]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " with chunks " + Arrays.toString(chunkShape)
            + " has more elements than a long counts");
      }
    }
    try {
      Math.multiplyExact(elements, (long) kind.size());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more bytes than a long counts");
    }
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public long objectId() {
    return objectId;
  }

  @Override
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The dataset's shape; empty for a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Number of elements. */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  public DataKind kind() {
    return kind;
  }

  /** Chunk shape (for contiguous and compact data: the whole shape, at least 1 per dimension). */
  public int[] chunkShape() {
    return chunkShape.clone();
  }

  /** Whether the bytes are one uncompressed contiguous run (may be split at any row). */
  public boolean contiguous() {
    return contiguous;
  }

  public List<FilterSpec> filters() {
    return filters;
  }

  /** Number of chunks along dimension {@code d}. */
  public long chunksAlong(int d) {
    return chunkShape[d] == 0 ? 0 : (shape[d] + chunkShape[d] - 1) / chunkShape[d];
  }

  /** Linear chunk number (row-major over the chunk grid) of chunk grid coordinates. */
  public long linear(long[] grid) {
    long idx = 0;
    for (int d = 0; d < grid.length; d++) {
      idx = idx * Math.max(1, chunksAlong(d)) + grid[d];
    }
    return idx;
  }

  /** Chunk grid coordinates of a linear chunk number. */
  public long[] grid(long linear) {
    long[] g = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      long n = Math.max(1, chunksAlong(d));
      g[d] = linear % n;
      linear /= n;
    }
    return g;
  }

  /** The value of elements never written (HDF5 fill value; 0 when the file defines none). */
  public double fillValue() {
    return fillValue;
  }

  /** Uncompressed bytes of one full chunk. */
  public long chunkBytes() {
    long n = kind.size();
    for (int c : chunkShape) {
      n *= c;
    }
    return n;
  }

  /** The stored chunks by linear chunk number (missing chunks hold the {@link #fillValue}). */
  public Map<Long, ChunkRef> chunks() throws IOException {
    Map<Long, ChunkRef> c = chunks;
    if (c == null) {
      synchronized (this) {
        c = chunks;
        if (c == null) {
          c = Collections.unmodifiableMap(loader.load());
          chunks = c;
          loader = null;
        }
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "dataset /" + path + " " + Arrays.toString(shape) + " " + kind.typestr() + " chunks "
        + Arrays.toString(chunkShape) + (contiguous ? " contiguous" : "") + " " + filters;
  }
}
