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
import io.jhdf.dataset.chunked.ChunkIndexAccess;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
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
  private final long userBlock;
  /** Object header addresses of the groups loaded so far. */
  private final Set<Long> groupsLoaded = new HashSet<>();

  public JhdfTreeLoader(HdfFile file, String location) {
    this.file = file;
    this.location = location;
    this.userBlock = file.getUserBlockSize();
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
      throw JhdfFailures.outOfMemory(e, location, null);
    }
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
    long[] shape = d.isScalar() ? new long[0] : d.getDimensionsAsLong();
    if (kind == null) {
      return null;
    }
    List<FilterSpec> filters = filters(d);
    DataLayout layout = d.getDataLayout();
    if (layout == DataLayout.CHUNKED && d instanceof ChunkedDatasetBase cd) {
      int[] chunk = ((ChunkedDataset) d).getChunkDimensions();
      return new H5Dataset(path, d.getAddress(), attrs, shape, kind, chunk, false, filters, () -> chunkIndex(path, cd, chunk));
    }
    int[] whole = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      whole[i] = (int) Math.max(1, shape[i]);
    }
    long bytes = d.getSize() * kind.size();
    if (layout == DataLayout.CONTIGUOUS && d instanceof ContiguousDataset cd) {
      long address = cd.getDataAddress();
      return new H5Dataset(path, d.getAddress(), attrs, shape, kind, whole, true, List.of(), () -> {
        Map<Long, ChunkRef> m = new HashMap<>();
        if (address >= 0 && bytes > 0 && !isUndefined(address)) {
          m.put(0L, ChunkRef.at(userBlock + address, (int) bytes, 0));
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
    byte[] data = new byte[buf.remaining()];
    buf.duplicate().get(data);
    return new H5Dataset(path, d.getAddress(), attrs, shape, kind, whole, false, List.of(),
        () -> Map.of(0L, ChunkRef.inline(data)));
  }

  private static boolean isUndefined(long address) {
    return address == -1L || address == 0xFFFFFFFFFFFFFFFFL;
  }

  private Map<Long, ChunkRef> chunkIndex(String path, ChunkedDatasetBase d, int[] chunk) throws FormatException {
    long[] shape = d.getDimensionsAsLong();
    long[] perDim = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      perDim[i] = Math.max(1, (shape[i] + chunk[i] - 1) / chunk[i]);
    }
    Map<Long, ChunkRef> out = new LinkedHashMap<>();
    try {
      for (Chunk c : ChunkIndexAccess.chunks(d).values()) {
        long[] off = c.getChunkOffset();
        long linear = 0;
        for (int i = 0; i < shape.length; i++) {
          linear = linear * perDim[i] + off[i] / chunk[i];
        }
        int mask = 0;
        java.util.BitSet bits = c.getFilterMask();
        for (int b = bits.nextSetBit(0); b >= 0 && b < 32; b = bits.nextSetBit(b + 1)) {
          mask |= 1 << b;
        }
        out.put(linear, ChunkRef.at(userBlock + c.getAddress(), c.getSize(), mask));
      }
    } catch (RuntimeException e) {
      throw JhdfFailures.translate(e, location, path, "cannot read the chunk index");
    } catch (OutOfMemoryError e) {
      throw JhdfFailures.outOfMemory(e, location, path);
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
