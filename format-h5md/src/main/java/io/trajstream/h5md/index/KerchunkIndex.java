package io.trajstream.h5md.index;

import io.trajstream.format.FormatException;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.DataKind;
import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.h5md.tree.H5Group;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kerchunk version-1 reference file read back into the {@link H5Group} tree it describes: Zarr
 * v2 metadata per group and array, {@code [url, offset, length]} or inline {@code base64:} values
 * per chunk. Urls are not followed: chunks are read from the file the index sits beside.
 */
public final class KerchunkIndex {
  /** Key suffix of a per-array map from chunk key to HDF5 filter mask (only when a mask is set). */
  static final String MASK_KEY = ".hdf5_filter_mask";

  private final H5Group root;
  private final long fileLength;

  private KerchunkIndex(H5Group root, long fileLength) {
    this.root = root;
    this.fileLength = fileLength;
  }

  public H5Group root() {
    return root;
  }

  /** The length of the indexed file, or -1 when the index does not say. */
  public long fileLength() {
    return fileLength;
  }

  public static KerchunkIndex parse(byte[] json, String where) {
    try {
      return parse(new String(json, StandardCharsets.UTF_8), where);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw new FormatException(where, null, "not a valid kerchunk reference file: " + e.getMessage(), e);
    }
  }

  private static KerchunkIndex parse(String text, String where) {
    Map<?, ?> top = (Map<?, ?>) Json.parse(text);
    Object version = top.get("version");
    if (!(version instanceof Number n) || n.intValue() != 1) {
      throw new IllegalArgumentException("expected \"version\": 1");
    }
    Map<?, ?> refs = (Map<?, ?>) top.get("refs");
    long fileLength = -1;
    if (top.get("trajstream") instanceof Map<?, ?> ts && ts.get("file_length") instanceof Number len) {
      fileLength = len.longValue();
    }
    // sort so that parents come before children
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> e : refs.entrySet()) {
      sorted.put(String.valueOf(e.getKey()), e.getValue());
    }
    Map<String, H5Group> groups = new HashMap<>();
    Map<String, Map<Long, ChunkRef>> chunks = new HashMap<>();
    Map<String, H5Dataset> arrays = new HashMap<>();
    long[] ids = {1};
    H5Group root = new H5Group("", 0, attrs(sorted.get(".zattrs")));
    groups.put("", root);
    for (String key : sorted.keySet()) {
      if (key.endsWith("/.zgroup")) {
        String path = key.substring(0, key.length() - "/.zgroup".length());
        group(path, sorted, groups, ids);
      }
    }
    for (String key : sorted.keySet()) {
      if (!key.endsWith(".zarray")) {
        continue;
      }
      String path = key.equals(".zarray") ? "" : key.substring(0, key.length() - "/.zarray".length());
      Map<?, ?> za = (Map<?, ?>) Json.parse((String) sorted.get(key));
      long[] shape = longs(za.get("shape"));
      long[] ch = longs(za.get("chunks"));
      if (ch.length != shape.length) {
        throw new IllegalArgumentException(key + ": chunks " + java.util.Arrays.toString(ch) + " and shape "
            + java.util.Arrays.toString(shape) + " differ in rank");
      }
      int[] chunk = new int[ch.length];
      for (int i = 0; i < ch.length; i++) {
        if (ch[i] < 1 || ch[i] > Integer.MAX_VALUE || shape[i] < 0) {
          throw new IllegalArgumentException(key + ": chunks " + java.util.Arrays.toString(ch) + " or shape "
              + java.util.Arrays.toString(shape) + " out of range");
        }
        chunk[i] = (int) ch[i];
      }
      DataKind kind = DataKind.parse(String.valueOf(za.get("dtype")));
      List<FilterSpec> filters = new ArrayList<>();
      if (za.get("filters") instanceof List<?> fl) {
        for (Object f : fl) {
          filters.add(ZarrCodecs.fromZarr((Map<?, ?>) f, path));
        }
      }
      if (za.get("compressor") instanceof Map<?, ?> comp) {
        filters.add(ZarrCodecs.fromZarr(comp, path));
      }
      boolean whole = true;
      for (int i = 0; i < shape.length; i++) {
        whole &= chunk[i] == Math.max(1, shape[i]);
      }
      boolean contiguous = filters.isEmpty() && whole && shape.length > 0;
      Map<Long, ChunkRef> refsOf = new HashMap<>();
      chunks.put(path, refsOf);
      int slash = path.lastIndexOf('/');
      H5Group parent = group(slash < 0 ? "" : path.substring(0, slash), sorted, groups, ids);
      H5Dataset ds = new H5Dataset(path, ids[0]++, attrs(sorted.get(path.isEmpty() ? ".zattrs" : path + "/.zattrs")),
          shape, kind, chunk, contiguous, filters, () -> refsOf);
      arrays.put(path, ds);
      parent.add(ds);
    }
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      String key = e.getKey();
      int slash = key.lastIndexOf('/');
      String path = slash < 0 ? "" : key.substring(0, slash);
      String name = key.substring(slash + 1);
      H5Dataset ds = arrays.get(path);
      if (ds == null || name.startsWith(".")) {
        continue;
      }
      chunks.get(path).put(ds.linear(grid(ds, name, key)), ref(e.getValue(), key));
    }
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (e.getKey().endsWith(MASK_KEY)) {
        String path = e.getKey().substring(0, Math.max(0, e.getKey().length() - MASK_KEY.length() - 1));
        H5Dataset ds = arrays.get(path);
        if (ds == null) {
          throw new IllegalArgumentException(e.getKey() + " belongs to no array");
        }
        Map<?, ?> masks = (Map<?, ?>) Json.parse((String) e.getValue());
        for (Map.Entry<?, ?> m : masks.entrySet()) {
          long lin = ds.linear(grid(ds, String.valueOf(m.getKey()), e.getKey()));
          ChunkRef r = chunks.get(path).get(lin);
          if (r == null) {
            throw new IllegalArgumentException(e.getKey() + " has a filter mask for chunk " + m.getKey() + ", which has no reference");
          }
          int mask = ((Number) m.getValue()).intValue();
          chunks.get(path).put(lin, r.isInline() ? new ChunkRef(-1, r.size(), mask, r.inline()) : ChunkRef.at(r.offset(), r.size(), mask));
        }
      }
    }
    return new KerchunkIndex(root, fileLength);
  }

  /**
   * The chunk grid position of chunk key {@code name} ({@code 0.3.0}; {@code 0} for a scalar),
   * checked against the dataset's rank and chunk grid.
   */
  private static long[] grid(H5Dataset ds, String name, String key) {
    long[] grid = new long[ds.rank()];
    if (ds.rank() == 0) {
      return grid;
    }
    String[] parts = name.split("\\.");
    if (parts.length != ds.rank()) {
      throw new IllegalArgumentException("chunk key " + name + " of " + key + " does not match rank " + ds.rank());
    }
    for (int i = 0; i < parts.length; i++) {
      grid[i] = Long.parseLong(parts[i]);
      if (grid[i] < 0 || grid[i] >= Math.max(1, ds.chunksAlong(i))) {
        throw new IllegalArgumentException("chunk key " + name + " of " + key + " is outside the chunk grid");
      }
    }
    return grid;
  }

  private static ChunkRef ref(Object v, String key) {
    if (v instanceof String s) {
      byte[] bytes = s.startsWith("base64:") ? Base64.getDecoder().decode(s.substring(7)) : s.getBytes(StandardCharsets.UTF_8);
      return ChunkRef.inline(bytes);
    }
    List<?> l = (List<?>) v;
    if (l.size() != 3) {
      throw new IllegalArgumentException(key + ": whole-file references are not supported, expected [url, offset, length]");
    }
    return ChunkRef.at(((Number) l.get(1)).longValue(), ((Number) l.get(2)).intValue(), 0);
  }

  private static H5Group group(String path, Map<String, Object> refs, Map<String, H5Group> groups, long[] ids) {
    H5Group g = groups.get(path);
    if (g != null) {
      return g;
    }
    int slash = path.lastIndexOf('/');
    H5Group parent = group(slash < 0 ? "" : path.substring(0, slash), refs, groups, ids);
    g = new H5Group(path, ids[0]++, attrs(refs.get(path + "/.zattrs")));
    groups.put(path, g);
    parent.add(g);
    return g;
  }

  private static Map<String, Object> attrs(Object json) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    if (!(json instanceof String s)) {
      return out;
    }
    Map<?, ?> m = (Map<?, ?>) Json.parse(s);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.put(String.valueOf(e.getKey()), plain(e.getValue()));
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof List<?> l) {
      if (l.stream().allMatch(o -> o instanceof Long)) {
        return l.stream().mapToLong(o -> (Long) o).toArray();
      }
      if (l.stream().allMatch(o -> o instanceof Number)) {
        return l.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
      }
      List<String> s = new ArrayList<>();
      l.forEach(o -> s.add(String.valueOf(o)));
      return s;
    }
    return v;
  }

  private static long[] longs(Object o) {
    List<?> l = (List<?>) o;
    long[] a = new long[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).longValue();
    }
    return a;
  }
}
