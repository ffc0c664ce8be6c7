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
  private final String fileVersion;
  private final List<H5Dataset> arrays;

  private KerchunkIndex(H5Group root, long fileLength, String fileVersion, List<H5Dataset> arrays) {
    this.root = root;
    this.fileLength = fileLength;
    this.fileVersion = fileVersion;
    this.arrays = arrays;
  }

  public H5Group root() {
    return root;
  }

  /** The length of the indexed file, or -1 when the index does not say. */
  public long fileLength() {
    return fileLength;
  }

  /**
   * The version of the indexed file as its store gave it when the index was written (see {@link
   * io.trajstream.store.StoreInput#version()}), or null.
   */
  public String fileVersion() {
    return fileVersion;
  }

  /**
   * Why this index does not describe a file of {@code length} bytes at version {@code version}
   * (null when unknown), or null when it does as far as the index and the store can tell: the
   * recorded length must match, and the recorded version too when both are of the same kind (an
   * ETag is not compared with a modification time).
   */
  public String staleness(long length, String version) {
    if (fileLength >= 0 && fileLength != length) {
      return "it describes a file of " + fileLength + " bytes, the file now has " + length;
    }
    if (fileVersion != null && version != null && kind(fileVersion).equals(kind(version)) && !fileVersion.equals(version)) {
      return "it describes version " + fileVersion + " of the file, the file is now " + version;
    }
    return null;
  }

  private static String kind(String version) {
    int colon = version.indexOf(':');
    return colon < 0 ? "" : version.substring(0, colon);
  }

  /** Fails, naming the first such chunk, when a referenced chunk passes the end of a file of {@code length} bytes. */
  public void checkWithin(long length, String where) throws java.io.IOException {
    for (H5Dataset ds : arrays) {
      for (Map.Entry<Long, ChunkRef> e : ds.chunks().entrySet()) {
        ChunkRef r = e.getValue();
        if (!r.isInline() && (r.offset() < 0 || r.size() < 0 || r.offset() > length || r.size() > length - r.offset())) {
          throw new FormatException(where, ds.path(), "chunk " + ZarrIndexEntries.chunkKey(ds, e.getKey()) + " ("
              + r.size() + " bytes at " + r.offset() + ") passes the end of the file (" + length + " bytes)");
        }
      }
    }
  }

  public static KerchunkIndex parse(byte[] json, String where) {
    try {
      return parse(new String(json, StandardCharsets.UTF_8), where);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | ArithmeticException
        | IndexOutOfBoundsException e) {
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
    String fileVersion = null;
    if (top.get("trajstream") instanceof Map<?, ?> ts) {
      if (ts.get("file_length") instanceof Number len) {
        fileLength = len.longValue();
      }
      if (ts.get("file_version") instanceof String v) {
        fileVersion = v;
      }
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
        if (ch[i] < 0 || ch[i] > Integer.MAX_VALUE || shape[i] < 0) {
          throw new IllegalArgumentException(key + ": chunk size " + ch[i] + " or length " + shape[i] + " out of range");
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
          shape, kind, chunk, contiguous, filters, fillValue(za.get("fill_value")), () -> refsOf);
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
      long[] grid = new long[ds.rank()];
      String[] parts = name.split("\\.");
      if (ds.rank() > 0) {
        if (parts.length != ds.rank()) {
          throw new IllegalArgumentException("chunk key " + key + " does not match rank " + ds.rank());
        }
        for (int i = 0; i < parts.length; i++) {
          grid[i] = Long.parseLong(parts[i]);
          if (grid[i] < 0 || grid[i] >= Math.max(1, ds.chunksAlong(i))) {
            throw new IllegalArgumentException("chunk key " + key + " lies outside the array's shape");
          }
        }
      }
      chunks.get(path).put(ds.linear(grid), ref(e.getValue(), key));
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
          String[] parts = String.valueOf(m.getKey()).split("\\.");
          long[] grid = new long[ds.rank()];
          if (ds.rank() > 0 && parts.length != ds.rank()) {
            throw new IllegalArgumentException("filter mask key " + m.getKey() + " of " + path + " does not match rank " + ds.rank());
          }
          for (int i = 0; i < ds.rank(); i++) {
            grid[i] = Long.parseLong(parts[i]);
            if (grid[i] < 0 || grid[i] >= Math.max(1, ds.chunksAlong(i))) {
              throw new IllegalArgumentException("filter mask key " + m.getKey() + " of " + path + " lies outside the array's shape");
            }
          }
          long lin = ds.linear(grid);
          ChunkRef r = chunks.get(path).get(lin);
          if (r == null) {
            throw new IllegalArgumentException("filter mask for chunk " + m.getKey() + " of " + path + ", which has no reference");
          }
          int mask = ((Number) m.getValue()).intValue();
          chunks.get(path).put(lin, r.isInline() ? new ChunkRef(-1, r.size(), mask, r.inline()) : ChunkRef.at(r.offset(), r.size(), mask));
        }
      }
    }
    return new KerchunkIndex(root, fileLength, fileVersion, List.copyOf(arrays.values()));
  }

  /** A Zarr {@code fill_value}: a number, {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, or null for 0. */
  private static double fillValue(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      switch (s) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default: throw new IllegalArgumentException("fill_value " + Json.quote(s) + " is not a number");
      }
    }
    return 0;
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
    long offset = ((Number) l.get(1)).longValue();
    long length = ((Number) l.get(2)).longValue();
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + ": bad reference offset " + offset + ", length " + length);
    }
    return ChunkRef.at(offset, (int) length, 0);
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
