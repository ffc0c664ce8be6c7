package io.trajstream.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.format.FormatException;
import io.trajstream.store.IoExecutors;
import io.trajstream.store.Store;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * A Zarr v2 hierarchy on a {@link Store}: the root of groups and arrays, where metadata comes from
 * (consolidated {@code .zmetadata} when present, else one object per key), the codecs, and the
 * executor on which chunks are fetched concurrently. Thread-safe.
 */
public final class ZarrHierarchy {
  /** The consolidated metadata key. */
  public static final String ZMETADATA = ".zmetadata";

  private final Store store;
  private final CodecRegistry codecs;
  private final Executor executor;
  private final int parallelism;
  private final Map<String, JsonNode> consolidated;
  /** Every metadata document read or written through this object, for consolidation. */
  private final ConcurrentSkipListMap<String, JsonNode> known = new ConcurrentSkipListMap<>();
  /** Metadata collected between {@link #startBatch()} and {@link #writeBatch()}, or null. */
  private LinkedHashMap<String, JsonNode> batch;

  private ZarrHierarchy(Store store, CodecRegistry codecs, Executor executor, int parallelism, Map<String, JsonNode> consolidated) {
    this.store = store;
    this.codecs = codecs;
    this.executor = executor;
    this.parallelism = parallelism;
    this.consolidated = consolidated;
    if (consolidated != null) {
      known.putAll(consolidated);
    }
  }

  /** Opens the hierarchy at the store's root, using {@code .zmetadata} when present. */
  public static ZarrHierarchy open(Store store) throws IOException {
    return open(store, true);
  }

  /**
   * Opens the hierarchy at the store's root.
   *
   * @param useConsolidated read {@code .zmetadata} when present (one request for all metadata)
   */
  public static ZarrHierarchy open(Store store, boolean useConsolidated) throws IOException {
    Map<String, JsonNode> cons = null;
    if (useConsolidated) {
      byte[] data = readIfExists(store, ZMETADATA);
      if (data != null) {
        cons = parseConsolidated(store, data);
      }
    }
    return new ZarrHierarchy(store, CodecRegistry.defaults(), IoExecutors.shared(), defaultParallelism(store), cons);
  }

  /** A hierarchy to write into an empty (or to be overwritten) store; nothing is read. */
  public static ZarrHierarchy create(Store store) {
    return new ZarrHierarchy(store, CodecRegistry.defaults(), IoExecutors.shared(), defaultParallelism(store), null);
  }

  /** Chunks fetched at once: what the store prefers, at least 2 and at most 64. */
  private static int defaultParallelism(Store store) {
    return Math.max(2, Math.min(64, store.preferredConcurrency()));
  }

  /** A copy that fetches chunks on {@code executor} with up to {@code parallelism} at once. */
  public ZarrHierarchy withExecutor(Executor executor, int parallelism) {
    ZarrHierarchy h = new ZarrHierarchy(store, codecs, executor, parallelism, consolidated);
    h.known.putAll(known);
    return h;
  }

  private static Map<String, JsonNode> parseConsolidated(Store store, byte[] data) throws IOException {
    JsonNode root;
    try {
      root = Json.parse(data);
    } catch (IOException e) {
      throw new FormatException(store.location(ZMETADATA), null, "not valid JSON: " + e.getMessage(), e);
    }
    if (root.path("zarr_consolidated_format").asInt(-1) != 1 || !root.path("metadata").isObject()) {
      throw new FormatException(store.location(ZMETADATA), null, "not consolidated metadata of format 1");
    }
    Map<String, JsonNode> m = new TreeMap<>();
    root.get("metadata").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  static byte[] readIfExists(Store store, String key) throws IOException {
    try {
      return store.readAll(key);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  public Store store() {
    return store;
  }

  public CodecRegistry codecs() {
    return codecs;
  }

  Executor executor() {
    return executor;
  }

  int parallelism() {
    return parallelism;
  }

  /** Whether metadata came from {@code .zmetadata}. */
  public boolean isConsolidated() {
    return consolidated != null;
  }

  /**
   * The metadata document at {@code key} (e.g. {@code a/b/.zarray}), or empty when absent. With
   * consolidated metadata this makes no store request.
   */
  public Optional<JsonNode> metadata(String key) throws IOException {
    JsonNode cached = known.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    if (consolidated != null) {
      return Optional.empty();
    }
    byte[] data = readIfExists(store, key);
    if (data == null) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = Json.parse(data);
    } catch (IOException e) {
      throw new FormatException(store.location(key), null, "not valid JSON: " + e.getMessage(), e);
    }
    known.put(key, node);
    return Optional.of(node);
  }

  /** Writes a metadata document now and remembers it for {@link #consolidate()}. */
  public void putMetadata(String key, JsonNode node) throws IOException {
    synchronized (this) {
      if (batch != null) {
        batch.put(key, node);
        known.put(key, node);
        return;
      }
    }
    store.write(key, Json.write(node));
    known.put(key, node);
  }

  /**
   * From now until {@link #writeBatch()}, {@link #putMetadata} only collects documents (the last
   * one per key wins), so that they are then stored together, concurrently.
   */
  public synchronized void startBatch() {
    if (batch != null) {
      throw new IllegalStateException(store.root() + ": a metadata batch is already open");
    }
    batch = new LinkedHashMap<>();
  }

  /** Stores every document collected since {@link #startBatch()}, concurrently on this hierarchy's executor. */
  public void writeBatch() throws IOException {
    List<Map.Entry<String, JsonNode>> docs;
    synchronized (this) {
      if (batch == null) {
        throw new IllegalStateException(store.root() + ": no metadata batch is open");
      }
      docs = new ArrayList<>(batch.entrySet());
      batch = null;
    }
    ParallelTasks.run(docs.size(), parallelism, executor, i -> store.write(docs.get(i).getKey(), Json.write(docs.get(i).getValue())));
  }

  /** The root group. */
  public ZarrGroup root() throws IOException {
    return group("");
  }

  /** The group at {@code path} ("" for the root). */
  public ZarrGroup group(String path) throws IOException {
    String p = ZarrPaths.normalize(path);
    if (metadata(ZarrPaths.key(p, ".zgroup")).isEmpty()) {
      throw new FileNotFoundException(store.location(ZarrPaths.key(p, ".zgroup")) + ": no Zarr group '" + p + "'");
    }
    return new ZarrGroup(this, p);
  }

  /** The array at {@code path}. */
  public ZarrArray array(String path) throws IOException {
    String p = ZarrPaths.normalize(path);
    String key = ZarrPaths.key(p, ".zarray");
    JsonNode n = metadata(key).orElseThrow(() -> new FileNotFoundException(store.location(key) + ": no Zarr array '" + p + "'"));
    ArrayMetadata meta;
    try {
      meta = ArrayMetadata.parse(n);
    } catch (IllegalArgumentException e) {
      throw new FormatException(store.location(key), p, e.getMessage(), e);
    }
    return new ZarrArray(this, p, meta);
  }

  /** Whether an array or group exists at {@code path}. */
  public boolean exists(String path) throws IOException {
    String p = ZarrPaths.normalize(path);
    return metadata(ZarrPaths.key(p, ".zgroup")).isPresent() || metadata(ZarrPaths.key(p, ".zarray")).isPresent();
  }

  /** The attributes at {@code path} ({@code .zattrs}), empty object when absent. */
  public ObjectNode attributes(String path) throws IOException {
    Optional<JsonNode> n = metadata(ZarrPaths.key(ZarrPaths.normalize(path), ".zattrs"));
    return n.filter(JsonNode::isObject).map(j -> ((ObjectNode) j).deepCopy()).orElseGet(Json.MAPPER::createObjectNode);
  }

  /**
   * The names of the direct children of the group at {@code path}: from consolidated metadata, else
   * by listing the store (empty when the store cannot list).
   */
  public List<String> children(String path) throws IOException {
    String p = ZarrPaths.normalize(path);
    String prefix = p.isEmpty() ? "" : p + "/";
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    Iterable<String> keys;
    if (consolidated != null) {
      keys = known.keySet();
    } else if (store.capabilities().listable()) {
      List<String> k = new ArrayList<>();
      try (Stream<io.trajstream.store.StoreEntry> s = store.list(prefix)) {
        s.forEach(e -> k.add(e.key()));
      }
      keys = k;
    } else {
      return List.of();
    }
    for (String k : keys) {
      if (!k.startsWith(prefix)) {
        continue;
      }
      String rest = k.substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String tail = rest.substring(slash + 1);
      if (tail.equals(".zgroup") || tail.equals(".zarray")) {
        names.add(rest.substring(0, slash));
      }
    }
    return new ArrayList<>(names);
  }

  /** The fields of a {@code .zarray} that decide how its chunks are read. */
  private static final List<String> LAYOUT = List.of("shape", "chunks", "dtype", "order", "compressor", "filters");

  /**
   * Checks the metadata document at {@code key} as stored now against the consolidated copy this
   * hierarchy was opened with, and fails with an error naming the key and the disagreement when
   * they differ (for a {@code .zarray}: shape, chunks, dtype, order, compressor or filters; for
   * other documents: anything) or when the object is gone: the {@code .zmetadata} is stale, and
   * reading on would return old shapes. Costs one read; does nothing without consolidated metadata.
   */
  public void checkConsolidated(String key) throws IOException {
    if (consolidated == null || !consolidated.containsKey(key)) {
      return;
    }
    JsonNode old = consolidated.get(key);
    byte[] data = readIfExists(store, key);
    if (data == null) {
      throw stale(key, "is listed in " + ZMETADATA + " but is not in the store");
    }
    JsonNode now;
    try {
      now = Json.parse(data);
    } catch (IOException e) {
      throw new FormatException(store.location(key), null, "not valid JSON: " + e.getMessage(), e);
    }
    if (key.endsWith(".zarray")) {
      for (String field : LAYOUT) {
        if (!old.path(field).equals(now.path(field))) {
          throw stale(key, "has " + field + " " + now.path(field) + " but " + ZMETADATA + " says " + old.path(field));
        }
      }
    } else if (!old.equals(now)) {
      throw stale(key, "differs from its copy in " + ZMETADATA);
    }
  }

  private FormatException stale(String key, String what) {
    return new FormatException(store.location(key), null, what + ": the consolidated metadata is stale (the store was"
        + " changed after it was written); run 'trajstream consolidate " + store.root() + "' to rewrite it");
  }

  /**
   * The hint added to errors about chunks that do not fit their metadata, when the metadata came
   * from {@code .zmetadata} (which may be stale); empty otherwise.
   */
  String staleHint() {
    return consolidated == null ? "" : " (the consolidated metadata may be stale: run 'trajstream consolidate "
        + store.root() + "' to rewrite " + ZMETADATA + ")";
  }

  /**
   * Rewrites {@code .zmetadata} of the hierarchy at {@code store}'s root from the {@code .zarray},
   * {@code .zattrs} and {@code .zgroup} objects the store holds now, ignoring the old one (e.g.
   * after attributes or shapes were changed with another tool). Needs a listable store. Returns
   * the number of metadata documents consolidated.
   */
  public static int reconsolidate(Store store) throws IOException {
    if (!store.capabilities().listable()) {
      throw new io.trajstream.store.StoreException(store.root(), "cannot list this store, so its metadata objects"
          + " cannot be found; consolidate needs a listable store (local disk, s3, az, gs)");
    }
    if (readIfExists(store, ".zgroup") == null) {
      throw new FileNotFoundException(store.location(".zgroup") + ": no Zarr group here to consolidate");
    }
    ZarrHierarchy fresh = open(store, false);
    return fresh.consolidate();
  }

  /**
   * Writes {@code .zmetadata} holding every metadata document of the hierarchy. Documents not seen
   * through this object are found by listing the store when it can list. Returns the number of
   * documents written.
   */
  public int consolidate() throws IOException {
    Map<String, JsonNode> all = new TreeMap<>();
    if (store.capabilities().listable()) {
      try (Stream<io.trajstream.store.StoreEntry> s = store.list("")) {
        for (io.trajstream.store.StoreEntry e : (Iterable<io.trajstream.store.StoreEntry>) s::iterator) {
          String k = e.key();
          if (ZarrPaths.isMetadataKey(k) && !known.containsKey(k)) {
            byte[] data = readIfExists(store, k);
            if (data != null) {
              all.put(k, Json.parse(data));
            }
          }
        }
      }
    }
    all.putAll(known);
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode md = root.putObject("metadata");
    all.forEach(md::set);
    root.put("zarr_consolidated_format", 1);
    store.write(ZMETADATA, Json.write(root));
    return all.size();
  }
}
