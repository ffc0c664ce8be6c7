package io.trajstream.h5md.tree;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.trajstream.format.FormatException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link H5Group} tree of an HDF5 file from jhdf's view of its metadata. Datasets that
 * are not plain numbers (strings, compounds, references) are left out. Chunk indexes load on
 * demand. Each group is loaded once: a second hard link to a group already loaded (a link back to
 * an ancestor, which makes a cycle, or a second name for it elsewhere) is left out, so that the
 * tree stays a tree and its size is bounded by the file's.
 */
public final class JhdfTreeLoader {
  private final HdfFile file;
  private final String location;
  private final long fileLength;
  private final long userBlock;
  private final List<ChunkBTreePrefetch.Root> chunkIndexRoots = new ArrayList<>();
  /** Object header addresses of the groups loaded so far. */
  private final Set<Long> groupsLoaded = new HashSet<>();

  /** A loader of {@code file}, whose stored object has {@code fileLength} bytes (declared sizes are checked against it). */
  public JhdfTreeLoader(HdfFile file, String location, long fileLength) {
    this.file = file;
    this.location = location;
    this.fileLength = fileLength;
    this.userBlock = file.getUserBlockSize();
  }

  /** The roots of the version-1 chunk B-trees of the datasets loaded (absolute addresses). */
  public List<ChunkBTreePrefetch.Root> chunkIndexRoots() {
    return List.copyOf(chunkIndexRoots);
  }

  /** Bytes per address in the file (from the superblock). */
  public int sizeOfOffsets() {
    return file.getHdfBackingStorage().getSizeOfOffsets();
  }

  /** The size of the file's user block (the superblock's base address). */
  public long userBlock() {
    return userBlock;
  }

  /** Loads the whole tree below the root group. */
  public H5Group load() throws FormatException {
    try {
      H5Group root = new H5Group("", file.getAddress(), attributes(file));
      groupsLoaded.add(file.getAddress());
      fill(root, file);
      return root;
    } catch (RuntimeException e) {
      throw JhdfFailures.translate(e, location, null, "cannot read HDF5 metadata");
    } catch (OutOfMemoryError e) {
      // jhdf allocates some structures from sizes the file declares before reading them
      throw tooLarge(null, e);
    }
  }

  private FormatException tooLarge(String path, OutOfMemoryError e) {
    return new FormatException(location, path, "the HDF5 metadata declares an object larger than memory holds ("
        + e.getMessage() + "); the file is corrupt, or the JVM needs a larger -Xmx");
  }

  private void fill(H5Group into, Group group) throws FormatException {
    for (Map.Entry<String, Node> e : group.getChildren().entrySet()) {
      Node node = e.getValue();
      String path = into.path().isEmpty() ? e.getKey() : into.path() + "/" + e.getKey();
      if (node instanceof Link link) {
        if (link.isBrokenLink()) {
          continue;
        }
        node = link.getTarget();
      }
      H5Node child;
      if (node instanceof Group g) {
        if (!groupsLoaded.add(g.getAddress())) {
          continue;
        }
        H5Group hg = new H5Group(path, g.getAddress(), attributes(g));
        fill(hg, g);
        child = hg;
      } else if (node instanceof Dataset d) {
        child = dataset(path, d);
        if (child == null) {
          continue;
        }
      } else {
        continue;
      }
      into.add(child);
    }
  }

  private H5Dataset dataset(String path, Dataset d) throws FormatException {
    Map<String, Object> attrs = attributes(d);
    DataKind kind;
    try {
      kind = kindOf(d.getDataType());
    } catch (IllegalArgumentException e) {
      throw new FormatException(location, path, e.getMessage(), e);
    }
    if (kind == null) {
      return null;
    }
    long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
    double fill = fillValue(path, d);
    List<FilterSpec> filters = filters(d);
    DataLayout layout = d.getDataLayout();
    try {
      if (layout == DataLayout.CHUNKED && d instanceof ChunkedDatasetBase cd) {
        int[] chunk = ((ChunkedDataset) d).getChunkDimensions();
        if (d instanceof AbstractNode n && n.getHeader().getMessageOfType(DataLayoutMessage.class)
            instanceof DataLayoutMessage.ChunkedDataLayoutMessage v3 && !isUndefined(v3.getBTreeAddress())) {
          chunkIndexRoots.add(new ChunkBTreePrefetch.Root(userBlock + v3.getBTreeAddress(), shape.length));
        }
        return new H5Dataset(path, d.getAddress(), attrs, shape, kind, chunk, false, filters, fill,
            () -> chunkIndex(path, cd, shape, chunk));
      }
      int[] whole = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        whole[i] = (int) Math.min(Integer.MAX_VALUE, Math.max(1, shape[i]));
      }
      if (layout == DataLayout.CONTIGUOUS && d instanceof ContiguousDataset cd) {
        long bytes = bytes(path, shape, kind);
        long address = cd.getDataAddress();
        boolean allocated = address >= 0 && bytes > 0 && !isUndefined(address);
        if (allocated && (userBlock + address > fileLength || bytes > fileLength - userBlock - address)) {
          throw new FormatException(location, path, "its " + bytes + " bytes at " + (userBlock + address)
              + " pass the end of the file (" + fileLength + " bytes)");
        }
        return new H5Dataset(path, d.getAddress(), attrs, shape, kind, whole, true, List.of(), fill, () -> {
          Map<Long, ChunkRef> m = new HashMap<>();
          if (allocated) {
            m.put(0L, ChunkRef.at(userBlock + address, (int) Math.min(Integer.MAX_VALUE, bytes), 0));
          }
          return m;
        });
      }
      // compact: the bytes live in the object header
      ByteBuffer buf;
      try {
        buf = ((io.jhdf.dataset.DatasetBase) d).getDataBuffer();
      } catch (HdfException | ClassCastException e) {
        throw new FormatException(location, path, "cannot read compact dataset: " + e.getMessage(), e);
      }
      long bytes = bytes(path, shape, kind);
      if (bytes > buf.remaining()) {
        throw new FormatException(location, path, "compact dataset declares " + bytes + " bytes but holds " + buf.remaining());
      }
      byte[] data = new byte[(int) bytes];
      buf.duplicate().get(data);
      return new H5Dataset(path, d.getAddress(), attrs, shape, kind, whole, false, List.of(), fill,
          () -> Map.of(0L, ChunkRef.inline(data)));
    } catch (IllegalArgumentException e) {
      throw new FormatException(location, path, e.getMessage(), e);
    }
  }

  /** Bytes of a dataset of {@code shape}; fails when they do not fit in a long. */
  private long bytes(String path, long[] shape, DataKind kind) {
    try {
      long n = kind.size();
      for (long s : shape) {
        n = Math.multiplyExact(n, s);
      }
      return n;
    } catch (ArithmeticException e) {
      throw new FormatException(location, path, "shape " + java.util.Arrays.toString(shape) + " has more bytes than a long counts");
    }
  }

  /** The fill value of a numeric dataset, 0 when the file defines none. */
  private double fillValue(String path, Dataset d) {
    Object v;
    try {
      v = d.getFillValue();
    } catch (HdfException | UnsupportedOperationException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
      throw new FormatException(location, path, "cannot read its fill value: " + e.getMessage(), e);
    }
    return v instanceof Number n ? n.doubleValue() : 0;
  }

  private static boolean isUndefined(long address) {
    return address == -1L || address == 0xFFFFFFFFFFFFFFFFL;
  }

  /**
   * The stored chunks of a chunked dataset. Each must lie inside the file; chunks outside the
   * dataset's shape (left behind by a shrink) are never read and are left out.
   */
  private Map<Long, ChunkRef> chunkIndex(String path, ChunkedDatasetBase d, long[] shape, int[] chunk) throws FormatException {
    long[] perDim = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      perDim[i] = Math.max(1, (shape[i] + chunk[i] - 1) / chunk[i]);
    }
    Map<Long, ChunkRef> out = new LinkedHashMap<>();
    try {
      chunks:
      for (Chunk c : JhdfChunkLookup.chunks(d).values()) {
        long[] off = c.getChunkOffset();
        if (off.length != shape.length) {
          throw new FormatException(location, path, "a chunk's offset " + java.util.Arrays.toString(off) + " does not match the rank " + shape.length);
        }
        long linear = 0;
        for (int i = 0; i < shape.length; i++) {
          long g = off[i] / chunk[i];
          if (off[i] < 0 || g >= perDim[i]) {
            continue chunks;
          }
          linear = linear * perDim[i] + g;
        }
        long at = userBlock + c.getAddress();
        if (c.getSize() < 0 || c.getAddress() < 0 || at > fileLength || c.getSize() > fileLength - at) {
          throw new FormatException(location, path, "the chunk at " + java.util.Arrays.toString(off) + " (" + c.getSize()
              + " bytes at " + at + ") passes the end of the file (" + fileLength + " bytes)");
        }
        int mask = 0;
        java.util.BitSet bits = c.getFilterMask();
        for (int b = bits.nextSetBit(0); b >= 0 && b < 32; b = bits.nextSetBit(b + 1)) {
          mask |= 1 << b;
        }
        out.put(linear, ChunkRef.at(at, c.getSize(), mask));
      }
    } catch (RuntimeException e) {
      throw JhdfFailures.translate(e, location, path, "cannot read the chunk index");
    } catch (OutOfMemoryError e) {
      throw tooLarge(path, e);
    }
    return out;
  }

  private List<FilterSpec> filters(Dataset d) {
    if (!(d instanceof AbstractNode n) || !n.getHeader().hasMessageOfType(FilterPipelineMessage.class)) {
      return List.of();
    }
    List<FilterSpec> out = new ArrayList<>();
    for (FilterPipelineMessage.FilterInfo f : n.getHeader().getMessageOfType(FilterPipelineMessage.class).getFilters()) {
      out.add(new FilterSpec(f.getId(), f.isOptional(), f.getData()));
    }
    return out;
  }

  /** The numeric kind of a jhdf type, or null when not a plain number. */
  static DataKind kindOf(DataType t) {
    if (t instanceof FloatingPoint f) {
      return t.getSize() >= 4 ? new DataKind('f', t.getSize(), f.getByteOrder()) : null;
    }
    if (t instanceof FixedPoint p) {
      return new DataKind(p.isSigned() ? 'i' : 'u', t.getSize(), p.getByteOrder());
    }
    return null;
  }

  private Map<String, Object> attributes(Node node) throws FormatException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Attribute> attrs;
    try {
      attrs = node.getAttributes();
    } catch (HdfException e) {
      throw new FormatException(location, node.getPath(), "cannot read attributes: " + e.getMessage(), e);
    }
    for (Map.Entry<String, Attribute> e : attrs.entrySet()) {
      checkAttributeSize(node, e.getKey(), e.getValue());
      Object v;
      try {
        v = plain(e.getValue().getData());
      } catch (HdfException | UnsupportedOperationException ex) {
        continue; // an attribute type we do not need (e.g. references)
      } catch (RuntimeException ex) {
        throw JhdfFailures.translate(ex, location, node.getPath(), "cannot read attribute '" + e.getKey() + "'");
      }
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  /**
   * An attribute's declared size (its dataspace times its element size) must match the bytes it
   * holds before jhdf allocates its values.
   */
  private void checkAttributeSize(Node node, String name, Attribute a) {
    long declared;
    long held;
    try {
      if (a.isEmpty()) {
        return;
      }
      long n = 1;
      for (long dim : a.isScalar() ? new long[0] : a.getDimensionsAsLong()) {
        if (dim < 0 || dim > Integer.MAX_VALUE) {
          throw new ArithmeticException();
        }
        n = Math.multiplyExact(n, dim);
      }
      declared = Math.multiplyExact(n, (long) a.getDataType().getSize());
      ByteBuffer b = a.getBuffer();
      held = b == null ? 0 : b.remaining();
    } catch (ArithmeticException e) {
      throw new FormatException(location, node.getPath(), "attribute '" + name + "' declares more values than it can hold");
    } catch (HdfException | UnsupportedOperationException e) {
      return; // an attribute type we do not need: skipped when read
    }
    if (declared > held) {
      throw new FormatException(location, node.getPath(), "attribute '" + name + "' declares " + declared + " bytes but holds " + held);
    }
  }

  /** Converts jhdf attribute data to String, List of String, Long, Double, long[] or double[]. */
  static Object plain(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Float || v instanceof Double) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v.getClass().isArray()) {
      List<Object> flat = new ArrayList<>();
      flatten(v, flat);
      if (flat.isEmpty()) {
        return new long[0];
      }
      if (flat.get(0) instanceof String) {
        List<String> s = new ArrayList<>();
        for (Object o : flat) {
          s.add(String.valueOf(o));
        }
        return s;
      }
      if (flat.stream().allMatch(o -> o instanceof Number n && !(n instanceof Float || n instanceof Double))) {
        return flat.stream().mapToLong(o -> ((Number) o).longValue()).toArray();
      }
      if (flat.stream().allMatch(o -> o instanceof Number)) {
        return flat.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
      }
    }
    return null;
  }

  private static void flatten(Object arr, List<Object> out) {
    int n = Array.getLength(arr);
    for (int i = 0; i < n; i++) {
      Object o = Array.get(arr, i);
      if (o != null && o.getClass().isArray()) {
        flatten(o, out);
      } else {
        out.add(o);
      }
    }
  }
}
