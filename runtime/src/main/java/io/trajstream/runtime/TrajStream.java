package io.trajstream.runtime;

import com.google.inject.Inject;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.FormatException;
import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The entry point: opens trajectories by URL. The store comes from the URL's scheme, the format
 * from a cheap probe of the object (then its extension). Create one with {@link #create()} or have
 * Guice inject it with {@link TrajStreamModule}.
 */
public final class TrajStream {
  private final Map<String, StoreFactory> stores;
  private final List<TrajectoryFormat> formats;
  private final Map<String, AnalysisFactory> analyses;
  private final UnaryOperator<Store> storeDecorator;
  private final Supplier<Set<String>> storageOptionNames;

  /** For Guice: discovered plugins, with {@link Overrides} entries replacing those of the same key. */
  @Inject
  TrajStream(Map<String, io.trajstream.store.StoreFactory> stores,
      @Overrides Map<String, io.trajstream.store.StoreFactory> storeOverrides, Set<TrajectoryFormat> formats,
      Map<String, AnalysisFactory> analyses, @Overrides Map<String, AnalysisFactory> analysisOverrides) {
    this(adapt(merge(stores, storeOverrides)), optionNames(merge(stores, storeOverrides)), new ArrayList<>(formats),
        merge(analyses, analysisOverrides), UnaryOperator.identity());
  }

  public TrajStream(Map<String, io.trajstream.store.StoreFactory> stores, Set<TrajectoryFormat> formats,
      Map<String, AnalysisFactory> analyses) {
    this(adapt(stores), optionNames(stores), new ArrayList<>(formats), analyses, UnaryOperator.identity());
  }

  private static <V> Map<String, V> merge(Map<String, V> base, Map<String, V> overrides) {
    Map<String, V> m = new LinkedHashMap<>(base);
    m.putAll(overrides);
    return m;
  }

  private TrajStream(Map<String, StoreFactory> stores, Supplier<Set<String>> storageOptionNames,
      List<TrajectoryFormat> formats, Map<String, AnalysisFactory> analyses, UnaryOperator<Store> storeDecorator) {
    this.stores = stores;
    this.storageOptionNames = storageOptionNames;
    List<TrajectoryFormat> sorted = new ArrayList<>(formats);
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    this.formats = Collections.unmodifiableList(sorted);
    this.analyses = analyses;
    this.storeDecorator = storeDecorator;
  }

  /** The storage option keys the factories declare, gathered when first needed. */
  private static Supplier<Set<String>> optionNames(Map<String, io.trajstream.store.StoreFactory> factories) {
    return new Supplier<>() {
      private volatile Set<String> names;

      @Override
      public Set<String> get() {
        if (names == null) {
          Set<String> all = new HashSet<>();
          factories.values().forEach(f -> all.addAll(f.optionNames()));
          names = Set.copyOf(all);
        }
        return names;
      }
    };
  }

  private static Map<String, StoreFactory> adapt(Map<String, io.trajstream.store.StoreFactory> m) {
    Map<String, StoreFactory> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v::create));
    return out;
  }

  /** The store factory for {@code scheme} as wired (after overrides), for inspection. */
  public boolean hasScheme(String scheme) {
    return stores.containsKey(scheme.toLowerCase(Locale.ROOT));
  }

  /** Store factory as a function, so the facade can hold plugins and decorators alike. */
  @FunctionalInterface
  private interface StoreFactory {
    Store create(java.net.URI root, StoreConfig config) throws IOException;
  }

  /** A facade over the plugins found on the class path. */
  public static TrajStream create() {
    return of(PluginRegistry.load());
  }

  /** A facade over the plugins of {@code registry}. */
  public static TrajStream of(PluginRegistry registry) {
    return new TrajStream(registry.stores(), Set.copyOf(registry.formats().values()), registry.analyses());
  }

  /**
   * A facade whose stores are wrapped by {@code decorator} (e.g. {@code s -> new LatencyStore(s,
   * …)} or a {@link MeteredStore}), for tests, benchmarks and demos.
   */
  public TrajStream withStoreDecorator(UnaryOperator<Store> decorator) {
    UnaryOperator<Store> chained = s -> decorator.apply(storeDecorator.apply(s));
    return new TrajStream(stores, storageOptionNames, formats, analyses, chained);
  }

  /** The formats known, sorted by name. */
  public List<TrajectoryFormat> formats() {
    return formats;
  }

  /** The analyses known, by name. */
  public Map<String, AnalysisFactory> analyses() {
    return Collections.unmodifiableMap(analyses);
  }

  /** The analysis factory named {@code name}. */
  public AnalysisFactory analysis(String name) {
    AnalysisFactory f = analyses.get(name);
    if (f == null) {
      throw new PluginException("no analysis '" + name + "'" + (analyses.isEmpty()
          ? ": add io.trajstream:trajstream-analysis" : " (available: " + analyses.keySet() + ")"));
    }
    return f;
  }

  /** The format named {@code name}. */
  public TrajectoryFormat format(String name) {
    for (TrajectoryFormat f : formats) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    Map<String, TrajectoryFormat> byName = new LinkedHashMap<>();
    formats.forEach(f -> byName.put(f.name(), f));
    return PluginRegistry.requireFormat(byName, name);
  }

  /**
   * Opens the store that holds {@code url}'s object (its root is the object's parent). A storage
   * option that no installed store declares is an error naming the closest one that does.
   */
  public Store openStore(StoreUrl url, StoreConfig config) throws IOException {
    StoreFactory factory = stores.get(url.scheme());
    if (factory == null) {
      Map<String, io.trajstream.store.StoreFactory> none = new LinkedHashMap<>();
      for (String s : stores.keySet()) {
        none.put(s, null);
      }
      PluginRegistry.requireStore(none, url.scheme());
    }
    if (!config.isEmpty()) {
      config.requireKnown(storageOptionNames.get());
    }
    return storeDecorator.apply(factory.create(url.root(), config));
  }

  /** Opens a trajectory with default read options. */
  public TrajectoryReader open(String url, StoreConfig config) throws IOException {
    return open(url, config, ReadOptions.defaults());
  }

  /**
   * Opens a trajectory: store by scheme, format by probe, then by extension. Closing the reader
   * closes its store.
   */
  public TrajectoryReader open(String url, StoreConfig config, ReadOptions options) throws IOException {
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

  /** Finds the format of {@code url}'s object: the first probe that accepts it, else its extension. */
  public TrajectoryFormat detect(Store store, StoreUrl url) throws IOException {
    for (TrajectoryFormat f : formats) {
      Optional<Probe> p = f.probe(store, url.key());
      if (p.isPresent()) {
        return f;
      }
    }
    Optional<TrajectoryFormat> byExt = byExtension(url.key());
    if (byExt.isPresent()) {
      if (!store.exists(url.key()) && !byExt.get().name().equals("zarrmd")) {
        throw new java.io.FileNotFoundException(url + ": no such object");
      }
      return byExt.get();
    }
    if (formats.isEmpty()) {
      throw new PluginException(url + ": no trajectory formats installed: add io.trajstream:trajstream-format-h5md or trajstream-format-zarrmd");
    }
    throw new FormatException(url.toString(), null,
        "not recognised as any of " + formats.stream().map(TrajectoryFormat::name).toList()
            + " (no format's probe accepted it and its extension is unknown)");
  }

  /** The format whose extensions include that of {@code key}. */
  public Optional<TrajectoryFormat> byExtension(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (TrajectoryFormat f : formats) {
      for (String ext : f.extensions()) {
        if (k.endsWith(ext.toLowerCase(Locale.ROOT))) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Creates a trajectory at {@code url} in the format its extension names ({@code format} when
   * given). Closing the writer commits it and closes its store.
   */
  public TrajectoryWriter create(String url, StoreConfig config, String format, TrajectoryInfo template,
      WriteOptions options) throws IOException {
    StoreUrl u = StoreUrl.parse(url);
    TrajectoryFormat f = format != null ? format(format)
        : byExtension(u.key()).orElseThrow(() -> new IllegalArgumentException(
            url + ": cannot tell the output format from the extension; name it (e.g. zarrmd)"));
    if (!f.canWrite()) {
      throw new IllegalArgumentException("format " + f.name() + " cannot write; choose a writable format");
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
}
