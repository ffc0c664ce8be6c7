package io.trajstream.h5md.index;

import io.trajstream.h5md.codec.Filters;
import io.trajstream.h5md.tree.FilterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps HDF5 filters to Zarr v2 codec configurations (as numcodecs names them) and back. Filters
 * numcodecs cannot decode the HDF5 way are written as {@code {"id": "hdf5_filter_N", "client_data":
 * […]}}.
 */
final class ZarrCodecs {
  private static final String[] BLOSC_NAMES = {"blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"};

  private ZarrCodecs() {}

  static Map<String, Object> toZarr(FilterSpec f, int elementSize) {
    int[] cd = f.clientData();
    Map<String, Object> m = new LinkedHashMap<>();
    switch (f.id()) {
      case Filters.DEFLATE:
        m.put("id", "zlib");
        m.put("level", (long) (cd.length > 0 ? cd[0] : 4));
        break;
      case Filters.SHUFFLE:
        m.put("id", "shuffle");
        m.put("elementsize", (long) (cd.length > 0 ? cd[0] : elementSize));
        break;
      case Filters.FLETCHER32:
        m.put("id", "fletcher32");
        break;
      case Filters.ZSTD:
        m.put("id", "zstd");
        m.put("level", (long) (cd.length > 0 ? cd[0] : 3));
        break;
      case Filters.BLOSC:
        m.put("id", "blosc");
        m.put("cname", cd.length > 6 && cd[6] >= 0 && cd[6] < BLOSC_NAMES.length ? BLOSC_NAMES[cd[6]] : "blosclz");
        m.put("clevel", (long) (cd.length > 4 ? cd[4] : 5));
        m.put("shuffle", (long) (cd.length > 5 ? cd[5] : 1));
        m.put("blocksize", 0L);
        break;
      default:
        m.put("id", "hdf5_filter_" + f.id());
        m.put("client_data", cd);
    }
    return m;
  }

  static FilterSpec fromZarr(Map<?, ?> m, String where) {
    String id = String.valueOf(m.get("id"));
    switch (id) {
      case "zlib":
      case "gzip":
        return new FilterSpec(Filters.DEFLATE, false, new int[] {intOf(m.get("level"), 4)});
      case "shuffle":
        return new FilterSpec(Filters.SHUFFLE, false, new int[] {intOf(m.get("elementsize"), 4)});
      case "fletcher32":
        return new FilterSpec(Filters.FLETCHER32, false, new int[0]);
      case "zstd":
        return new FilterSpec(Filters.ZSTD, false, new int[] {intOf(m.get("level"), 3)});
      case "blosc":
        return new FilterSpec(Filters.BLOSC, false, new int[] {2, 2, 0, 0, intOf(m.get("clevel"), 5),
            intOf(m.get("shuffle"), 1), List.of(BLOSC_NAMES).indexOf(String.valueOf(m.get("cname")))});
      default:
        if (id.startsWith("hdf5_filter_")) {
          int fid = Integer.parseInt(id.substring("hdf5_filter_".length()));
          List<Integer> cd = new ArrayList<>();
          if (m.get("client_data") instanceof List<?> l) {
            for (Object o : l) {
              cd.add(((Number) o).intValue());
            }
          }
          return new FilterSpec(fid, false, cd.stream().mapToInt(Integer::intValue).toArray());
        }
        throw new IllegalArgumentException(where + ": codec '" + id + "' is not an HDF5 filter TrajStream knows");
    }
  }

  private static int intOf(Object o, int dflt) {
    return o instanceof Number n ? n.intValue() : dflt;
  }
}
