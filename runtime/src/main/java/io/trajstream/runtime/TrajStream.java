package io.trajstream.runtime;

import com.google.inject.Inject;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.FormatException;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import io.trajstream.runtime.zip.ZipBuildingStore;
import io.trajstream.runtime.zip.ZipStore;
import io.trajstream.runtime.zip.ZipUrls;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The entry point: opens trajectories by URL. The store comes from the URL's scheme; the format
 * from the key's extension when one names a format (no request is spent on it), else from a cheap
 * probe of the object by each format. Plugins are instantiated when first needed (see {@link
 * PluginRegistry}). Create one with {@link #create()} or have Guice inject it with {@link
 * TrajStreamModule}.
 */
public final class TrajStream {
  private final PluginRegistry plugins;
  private final UnaryOperator<Store> storeDecorator;

  /** For Guice: discovered plugins, with {@link Overrides} entries replacing those of the same key. */
  @Inject
  TrajStream(Map<String, StoreFactory> stores,
      @Overrides Map<String, StoreFactory> storeOverrides, Set<TrajectoryFormat> formats,
      Map<String, AnalysisFactory> analyses, @Overrides Map<String, AnalysisFactory> analysisOverrides) {
    this(PluginRegistry.ofKeyed(merge(stores, storeOverrides), formats, merge(analyses, analysisOverrides)),
        UnaryOperator.identity());
  }

  public TrajStream(Map<String, StoreFactory> stores, Set<TrajectoryFormat> formats,
      Map<String, AnalysisFactory> analyses) {
    this(PluginRegistry.ofKeyed(stores, formats, analyses), UnaryOperator.identity());
  }

  private static <V> Map<String, V> merge(Map<String, V> base, Map<String, V> overrides) {
    Map<String, V> m = new LinkedHashMap<>(base);
    m.putAll(overrides);
    return m;
  }

  private TrajStream(PluginRegistry plugins, UnaryOperator<Store> storeDecorator) {
    this.plugins = plugins;
    this.storeDecorator = storeDecorator;
  }

  /** Whether a store plugin serves {@code scheme} (after overrides). */
  public boolean hasScheme(String scheme) {
    return plugins.findStore(scheme).isPresent();
  }

  /** A facade over the plugins found on the class path, each instantiated when first needed. */
  public static TrajStream create() {
    return of(PluginRegistry.load());
  }

  /** A facade over the plugins of {@code registry}. */
  public static TrajStream of(PluginRegistry registry) {
    return new TrajStream(registry, UnaryOperator.identity());
  }

  /**
   * A facade whose stores are wrapped by {@code decorator} (e.g. {@code s -> new LatencyStore(s,
   * …)} or a {@link MeteredStore}), for tests, benchmarks and demos.
   */
  public TrajStream withStoreDecorator(UnaryOperator<Store> decorator) {
    UnaryOperator<Store> chained = s -> decorator.apply(storeDecorator.apply(s));
    return new TrajStream(plugins, chained);
  }

  /** The formats known, sorted by name. */
  public List<TrajectoryFormat> formats() {
    return List.copyOf(plugins.formats().values());
  }

  /** The analyses known, by name. */
  public Map<String, AnalysisFactory> analyses() {
    return plugins.analyses();
  }

  /** The analysis factory named {@code name}. */
  public AnalysisFactory analysis(String name) {
    return plugins.analysis(name);
  }

  /** The format named {@code name}. */
  public TrajectoryFormat format(String name) {
    return plugins.format(name);
  }

  /** Opens the store that holds {@code url}'s object (its root is the object's parent). */
  public Store openStore(StoreUrl url, StoreConfig config) throws IOException {
    StoreFactory factory = plugins.store(url.scheme());
    if (!config.isEmpty()) {
      // Only when options are given: every store plugin is asked which option names it declares.
      Set<String> known = new java.util.HashSet<>();
      plugins.stores().values().forEach(f -> known.addAll(f.optionNames()));
      config.requireKnown(known);
    }
    return storeDecorator.apply(factory.create(url.root(), config));
  }

  /** Opens a trajectory with default read options. */
  public TrajectoryReader open(String url, StoreConfig config) throws IOException {
    return open(url, config, ReadOptions.defaults());
  }

  /**
   * Opens a trajectory: store by scheme, format by extension, else by probe. Closing the reader
   * closes its store.
   */
  public TrajectoryReader open(String url, StoreConfig config, ReadOptions options) throws IOException {
    if (ZipUrls.isZip(url)) {
      return openZip(url, config, options);
    }
    StoreUrl u = StoreUrl.parse(url);
    Store store = openStore(u, config);
    try {
      TrajectoryFormat format = detect(store, u);
      return new StoreOwningReader(format.open(store, u.key(), options), store);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The URLs {@code urls} stand for: each as given, except that one whose last path segment holds
   * {@code *} is replaced by the keys it matches (one listing, natural order, see {@link KeyGlob}).
   */
  public List<String> expand(List<String> urls, StoreConfig config) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (String u : urls) {
      if (KeyGlob.isPattern(u)) {
        out.addAll(KeyGlob.expand(this, u, config));
      } else {
        out.add(u);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no trajectory URL given");
    }
    return out;
  }

  /**
   * Opens several trajectories as one (MDAnalysis's ChainReader semantics, see {@link
   * ChainedTrajectoryReader}): the parts after {@link #expand expanding} patterns, in order, each
   * in its own store and format. One part is opened as {@link #open(String, StoreConfig,
   * ReadOptions)} does.
   *
   * @param continuous join the parts by time (overlaps trimmed, the later part winning) rather
   *     than concatenating them
   */
  public TrajectoryReader open(List<String> urls, StoreConfig config, ReadOptions options, boolean continuous)
      throws IOException {
    List<String> all = expand(urls, config);
    if (all.size() == 1 && !continuous) {
      return open(all.get(0), config, options);
    }
    return openChain(all, config, options, continuous);
  }

  /**
   * Opens {@code urls} (no patterns: see {@link #expand}) as the parts of one {@link
   * ChainedTrajectoryReader}, even when there is one; a failure closes the parts already open.
   */
  public ChainedTrajectoryReader openChain(List<String> urls, StoreConfig config, ReadOptions options,
      boolean continuous) throws IOException {
    List<TrajectoryReader> parts = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    try {
      for (String u : urls) {
        parts.add(open(u, config, options));
        names.add(StoreUrl.parse(u).toString());
      }
      return new ChainedTrajectoryReader(parts, names, continuous);
    } catch (IOException | RuntimeException e) {
      for (TrajectoryReader r : parts) {
        try {
          r.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Opens a single-file trajectory ({@code zip:URL} or {@code *.zarrmd.zip}): the archive's store,
   * then the archive by ranged reads ({@link ZipStore}), then the trajectory at its root; the
   * format from the name inside ({@code run.zarrmd.zip}: zarrmd), else by probe.
   */
  private TrajectoryReader openZip(String url, StoreConfig config, ReadOptions options) throws IOException {
    StoreUrl u = StoreUrl.parse(ZipUrls.archive(url));
    Store archive = ZipStore.open(openStore(u, config), u.key(), true);
    try {
      TrajectoryFormat format = byExtension(ZipUrls.innerName(u.key())).orElse(null);
      if (format == null) {
        format = detect(archive, new StoreUrl(u.scheme(), u.root(), ""));
      }
      return new StoreOwningReader(format.open(archive, "", options), archive);
    } catch (IOException | RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /**
   * Finds the format of {@code url}'s object. An extension that names a format is trusted without
   * a request (a misnamed object then fails in that format's reader, naming what it lacks). Else
   * each format probes the object, by name order; a probe that fails (e.g. HTTP 403 from a static
   * server asked for a directory, where a file format looks for its magic bytes) means "not this
   * format" as long as another format recognises the object; when none does, the first such
   * failure is the answer, since it may be the reason nothing was recognised.
   */
  public TrajectoryFormat detect(Store store, StoreUrl url) throws IOException {
    Optional<TrajectoryFormat> byExt = plugins.formatByExtension(url.key());
    if (byExt.isPresent()) {
      return byExt.get();
    }
    List<TrajectoryFormat> all = formats();
    if (all.isEmpty()) {
      throw new PluginException(url + ": no trajectory formats installed: add io.trajstream:trajstream-format-h5md or trajstream-format-zarrmd");
    }
    IOException failure = null;
    for (TrajectoryFormat f : all) {
      try {
        if (f.probe(store, url.key()).isPresent()) {
          return f;
        }
      } catch (FileNotFoundException e) {
        // not there in this format's shape: not this format
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    throw new FormatException(url.toString(), null,
        "not recognised as any of " + all.stream().map(TrajectoryFormat::name).toList()
            + " (no format's probe accepted it and its extension is unknown)");
  }

  /** The format whose extensions include that of {@code key}. */
  public Optional<TrajectoryFormat> byExtension(String key) {
    return plugins.formatByExtension(key);
  }

  /**
   * Creates a trajectory at {@code url} in the format its extension names ({@code format} when
   * given). Closing the writer commits it and closes its store.
   */
  public TrajectoryWriter create(String url, StoreConfig config, String format, TrajectoryInfo template,
      WriteOptions options) throws IOException {
    StoreUrl u = StoreUrl.parse(ZipUrls.archive(url));
    TrajectoryFormat f = format != null ? format(format)
        : byExtension(ZipUrls.innerName(u.key())).orElseThrow(() -> new IllegalArgumentException(
            url + ": cannot tell the output format from the extension; name it (e.g. zarrmd)"));
    if (!f.canWrite()) {
      throw new IllegalArgumentException("format " + f.name() + " cannot write; choose a writable format");
    }
    if (ZipUrls.isZip(url)) {
      return createZip(url, config, f, template, options);
    }
    Store store = openStore(u, config);
    try {
      TrajectoryWriter w = f.create(store, u.key(), template, options);
      return new StoreOwningWriter(w, store);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Creates a single-file trajectory: written into a local temporary directory and packed into
   * one zip archive ({@link ZipBuildingStore}) that replaces {@code url}'s object when the writer is
   * closed after a complete write. Appending to an archive is refused.
   */
  private TrajectoryWriter createZip(String url, StoreConfig config, TrajectoryFormat f, TrajectoryInfo template,
      WriteOptions options) throws IOException {
    if (options.getBoolean("append", false)) {
      throw new IllegalArgumentException(url + ": cannot append to a zip archive; convert to a .zarrmd directory,"
          + " append there, and convert that to a new archive");
    }
    StoreUrl u = StoreUrl.parse(ZipUrls.archive(url));
    if (u.key().isEmpty()) {
      throw new IllegalArgumentException(url + ": names no archive");
    }
    ZipBuildingStore store = ZipBuildingStore.create(openStore(u, config), u.key());
    try {
      return new StoreOwningWriter(f.create(store, "", template, options), store);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
