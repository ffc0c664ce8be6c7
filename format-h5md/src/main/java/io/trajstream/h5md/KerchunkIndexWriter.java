package io.trajstream.h5md;

import io.trajstream.format.ReadOptions;
import io.trajstream.h5md.index.Json;
import io.trajstream.h5md.index.ZarrIndexEntries;
import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.h5md.tree.H5Group;
import io.trajstream.h5md.tree.H5Node;
import io.trajstream.store.ByteRange;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a kerchunk version-1 reference file for an HDF5 file: Zarr v2 metadata for every group
 * and numeric dataset (hard-linked datasets under every path), {@code [url, offset, length]} per
 * stored chunk with absolute offsets. Chunks of scalar and one-dimensional datasets (step, time,
 * observables) of at most {@code inlineThreshold} bytes are inlined as {@code base64:}, so that
 * opening through the index needs no further read; chunks of frame data only up to {@link
 * #FRAME_DATA_INLINE_BYTES}. Python's fsspec {@code ReferenceFileSystem} with zarr reads it, and so does
 * {@link H5mdFormat} (option {@code index}, or {@code KEY.refs.json} beside the file).
 */
public final class KerchunkIndexWriter {
  /** Default inline threshold in bytes (chunks of scalar and one-dimensional datasets). */
  public static final int DEFAULT_INLINE_BYTES = 8192;
  /** Chunks of datasets with two or more dimensions (frame data) are inlined only up to this size. */
  public static final int FRAME_DATA_INLINE_BYTES = 256;

  private final int inlineThreshold;

  public KerchunkIndexWriter() {
    this(DEFAULT_INLINE_BYTES);
  }

  public KerchunkIndexWriter(int inlineThreshold) {
    this.inlineThreshold = inlineThreshold;
  }

  /**
   * The index of {@code key} in {@code store} as JSON text; {@code url} is what chunk references
   * name (e.g. the file's absolute URL or path).
   */
  public String index(Store store, String key, String url) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      // the version before anything is read: a file changed while being indexed then looks stale
      java.util.Optional<String> version = in.version();
      H5Group root;
      try (H5mdFormat.MetadataSession session = H5mdFormat.MetadataSession.open(in, store.location(key), ReadOptions.defaults())) {
        root = session.root();
        loadAll(root);
      }
      return write(root, in, url, version);
    }
  }

  /** Writes the index of {@code key} beside it as {@code key + ".refs.json"}; returns that key. */
  public String writeBeside(Store store, String key, String url) throws IOException {
    String json = index(store, key, url);
    String out = key + H5mdFormat.INDEX_SUFFIX;
    store.write(out, json.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static void loadAll(H5Group g) throws IOException {
    for (H5Node n : g.children().values()) {
      if (n instanceof H5Group c) {
        loadAll(c);
      } else {
        ((H5Dataset) n).chunks();
      }
    }
  }

  private String write(H5Group root, StoreInput in, String url, java.util.Optional<String> version) throws IOException {
    Map<String, Object> refs = new LinkedHashMap<>();
    List<Object[]> toInline = new ArrayList<>();
    emit(root, refs, toInline, url);
    // fetch the chunks to inline in one vectored read
    List<ByteRange> ranges = new ArrayList<>();
    for (Object[] t : toInline) {
      ChunkRef r = (ChunkRef) t[1];
      if (!r.isInline()) {
        ranges.add(new ByteRange(r.offset(), r.size()));
      }
    }
    List<ByteBuffer> got = ranges.isEmpty() ? List.of() : StoreInput.StoreInputs.join(in.readVectored(ranges));
    int k = 0;
    for (Object[] t : toInline) {
      ChunkRef r = (ChunkRef) t[1];
      byte[] bytes;
      if (r.isInline()) {
        bytes = r.inline();
      } else {
        ByteBuffer b = got.get(k++);
        bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
      }
      refs.put((String) t[0], "base64:" + Base64.getEncoder().encodeToString(bytes));
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("version", 1L);
    top.put("refs", refs);
    Map<String, Object> ts = new LinkedHashMap<>();
    ts.put("format", "h5md");
    ts.put("file_length", in.length());
    version.ifPresent(v -> ts.put("file_version", v));
    top.put("trajstream", ts);
    return Json.write(top);
  }

  private void emit(H5Group g, Map<String, Object> refs, List<Object[]> toInline, String url) throws IOException {
    String prefix = g.path().isEmpty() ? "" : g.path() + "/";
    refs.put(prefix + ".zgroup", "{\"zarr_format\": 2}");
    refs.put(prefix + ".zattrs", Json.write(g.attributes()));
    for (H5Node n : g.children().values()) {
      if (n instanceof H5Group c) {
        emit(c, refs, toInline, url);
      } else {
        H5Dataset d = (H5Dataset) n;
        String p = d.path() + "/";
        refs.put(p + ".zarray", Json.write(ZarrIndexEntries.zarray(d)));
        refs.put(p + ".zattrs", Json.write(d.attributes()));
        Map<String, Object> masks = new LinkedHashMap<>();
        for (Map.Entry<Long, ChunkRef> e : new java.util.TreeMap<>(d.chunks()).entrySet()) {
          String ck = ZarrIndexEntries.chunkKey(d, e.getKey());
          ChunkRef r = e.getValue();
          if (r.filterMask() != 0) {
            masks.put(ck, (long) r.filterMask());
          }
          if (r.isInline() || r.size() <= (d.rank() <= 1 ? inlineThreshold : Math.min(inlineThreshold, FRAME_DATA_INLINE_BYTES))) {
            toInline.add(new Object[] {p + ck, r});
          } else {
            List<Object> ref = new ArrayList<>();
            ref.add(url);
            ref.add(r.offset());
            ref.add((long) r.size());
            refs.put(p + ck, ref);
          }
        }
        if (!masks.isEmpty()) {
          refs.put(p + ZarrIndexEntries.MASK_KEY, Json.write(masks));
        }
      }
    }
  }
}
