package io.trajstream.h5md.index;

import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Zarr v2 {@code .zarray} document and chunk keys of a dataset, for index files. */
public final class ZarrIndexEntries {
  /** Key (below an array) of the map from chunk key to HDF5 filter mask, present when any is set. */
  public static final String MASK_KEY = KerchunkIndex.MASK_KEY;

  private ZarrIndexEntries() {}

  /** The {@code .zarray} content: the whole HDF5 pipeline as Zarr filters, no compressor. */
  public static Map<String, Object> zarray(H5Dataset d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chunks", d.chunkShape());
    m.put("compressor", null);
    m.put("dtype", d.kind().typestr());
    m.put("fill_value", d.kind().kind() == 'f' ? (Object) d.fillValue() : (Object) (long) d.fillValue());
    List<Object> filters = new ArrayList<>();
    for (FilterSpec f : d.filters()) {
      filters.add(ZarrCodecs.toZarr(f, d.kind().size()));
    }
    m.put("filters", filters.isEmpty() ? null : filters);
    m.put("order", "C");
    m.put("shape", d.shape());
    m.put("zarr_format", 2L);
    return m;
  }

  /** The Zarr chunk key ({@code 0.3.0}; {@code 0} for a scalar) of a linear chunk number. */
  public static String chunkKey(H5Dataset d, long linear) {
    if (d.rank() == 0) {
      return "0";
    }
    long[] g = d.grid(linear);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(g[i]);
    }
    return sb.toString();
  }
}
