package io.trajstream.runtime;

import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.StoreFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store, format and analysis plugins found with {@link ServiceLoader}. Discovery is lazy: a
 * plugin is instantiated when a lookup reaches it (the providers are tried in class-path order
 * until one serves the scheme, extension or name asked for), so a command that reads a local file
 * never creates the cloud store factories, nor any analysis. Listing a kind ({@link #stores()},
 * {@link #describe()}, or a lookup that no plugin serves) instantiates all of that kind.
 *
 * <p>Two plugins claiming the same scheme or name are an error naming both classes, reported as
 * soon as both are instantiated (always by a listing). Asking for a scheme, format or analysis no
 * plugin provides is an error naming the module to add.
 */
public final class PluginRegistry {
  /** Modules that provide the well-known schemes, formats and analyses, for "add X" messages. */
  private static final Map<String, String> KNOWN_PROVIDERS =
      Map.ofEntries(
          Map.entry("scheme:s3", "trajstream-store-s3"),
          Map.entry("scheme:az", "trajstream-store-azure"),
          Map.entry("scheme:gs", "trajstream-store-gcs"),
          Map.entry("scheme:gcs", "trajstream-store-gcs"),
          Map.entry("scheme:http", "trajstream-runtime"),
          Map.entry("scheme:https", "trajstream-runtime"),
          Map.entry("format:h5md", "trajstream-format-h5md"),
          Map.entry("format:zarrmd", "trajstream-format-zarrmd"),
          Map.entry("format:xtc", "trajstream-format-xtc"),
          Map.entry("format:trr", "trajstream-format-trr"),
          Map.entry("format:dcd", "trajstream-format-dcd"),
          Map.entry("analysis:*", "trajstream-analysis"));

  /** Package prefixes of TrajStream's own modules, to tell which module a plugin came from. */
  private static final Map<String, String> MODULE_PACKAGES =
      new LinkedHashMap<>(
          Map.ofEntries(
              Map.entry("io.trajstream.store.", "trajstream-api"),
              Map.entry("io.trajstream.runtime.", "trajstream-runtime"),
              Map.entry("io.trajstream.s3.", "trajstream-store-s3"),
              Map.entry("io.trajstream.azure.", "trajstream-store-azure"),
              Map.entry("io.trajstream.gcs.", "trajstream-store-gcs"),
              Map.entry("io.trajstream.h5md.", "trajstream-format-h5md"),
              Map.entry("io.trajstream.zarrmd.", "trajstream-format-zarrmd"),
              Map.entry("io.trajstream.xtc.", "trajstream-format-xtc"),
              Map.entry("io.trajstream.trr.", "trajstream-format-trr"),
              Map.entry("io.trajstream.dcd.", "trajstream-format-dcd"),
              Map.entry("io.trajstream.zarr.", "trajstream-zarr"),
              Map.entry("io.trajstream.analysis.", "trajstream-analysis")));

  private final Kind<StoreFactory> stores;
  private final Kind<TrajectoryFormat> formats;
  private final Kind<AnalysisFactory> analyses;

  private PluginRegistry(Kind<StoreFactory> stores, Kind<TrajectoryFormat> formats, Kind<AnalysisFactory> analyses) {
    this.stores = stores;
    this.formats = formats;
    this.analyses = analyses;
  }

  /** Discovers plugins on the context class loader (or this class's loader). */
  public static PluginRegistry load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return load(cl != null ? cl : PluginRegistry.class.getClassLoader());
  }

  /**
   * Discovers plugins on {@code loader}, then in the jars of the {@link PluginPath} (each through a
   * class loader of its own); each is instantiated when first needed.
   */
  public static PluginRegistry load(ClassLoader loader) {
    List<ClassLoader> jars = PluginPath.loaders(loader);
    return new PluginRegistry(
        new Kind<>("store scheme", PluginRegistry::schemesOf, providers(StoreFactory.class, loader, jars)),
        new Kind<>("format", f -> List.of(f.name()), providers(TrajectoryFormat.class, loader, jars)),
        new Kind<>("analysis", f -> List.of(f.name()), providers(AnalysisFactory.class, loader, jars)));
  }

  /**
   * Like {@link #load(ClassLoader)}, but the plugins on {@code loader} itself are the classes
   * {@code index} names instead of those its {@code META-INF/services} files list: reading those
   * files opens the class path's jars, which for a large application jar costs tens of
   * milliseconds that a short command would otherwise spend in full. The jars of the {@link
   * PluginPath} are still read with {@link ServiceLoader}. An application that builds its class
   * path itself should test that its index names what {@link #load(ClassLoader)} finds.
   */
  public static PluginRegistry load(ClassLoader loader, ProviderIndex index) {
    List<ClassLoader> jars = PluginPath.loaders(loader);
    return new PluginRegistry(
        new Kind<>("store scheme", PluginRegistry::schemesOf,
            providers(StoreFactory.class, indexed(StoreFactory.class, index.stores(), loader), loader, jars)),
        new Kind<>("format", f -> List.of(f.name()),
            providers(TrajectoryFormat.class, indexed(TrajectoryFormat.class, index.formats(), loader), loader, jars)),
        new Kind<>("analysis", f -> List.of(f.name()),
            providers(AnalysisFactory.class, indexed(AnalysisFactory.class, index.analyses(), loader), loader, jars)));
  }

  /** Suppliers of the named provider classes, each loaded and made (public no-argument constructor) when first asked for. */
  private static <T> Stream<Supplier<T>> indexed(Class<T> type, List<String> classNames, ClassLoader loader) {
    return classNames.stream().map(name -> () -> {
      try {
        return type.cast(Class.forName(name, true, loader).getConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        throw new PluginException("cannot load plugin " + name + " (" + type.getSimpleName() + "): " + e);
      }
    });
  }

  private static <T> Iterator<Supplier<T>> providers(Class<T> type, ClassLoader base, List<ClassLoader> jars) {
    return providers(type, ServiceLoader.load(type, base).stream().map(PluginRegistry::supplier), base, jars);
  }

  private static <T> Supplier<T> supplier(ServiceLoader.Provider<T> p) {
    return () -> {
      try {
        return p.get();
      } catch (ServiceConfigurationError e) {
        throw new PluginException("cannot load plugin " + p.type().getName() + ": " + e.getMessage());
      }
    };
  }

  /**
   * The providers of {@code type} on {@code base}, then those each plugin jar adds (a jar's loader
   * also sees {@code base}'s providers, which are skipped there), read lazily.
   */
  private static <T> Iterator<Supplier<T>> providers(Class<T> type, Stream<Supplier<T>> onBase, ClassLoader base,
      List<ClassLoader> jars) {
    Stream<Supplier<T>> all = onBase;
    for (ClassLoader jar : jars) {
      all = Stream.concat(all, Stream.of(jar).flatMap(j -> {
        try {
          return ServiceLoader.load(type, j).stream().filter(p -> p.type().getClassLoader() == j)
              .map(PluginRegistry::supplier);
        } catch (ServiceConfigurationError e) {
          throw new PluginException(j.getName() + ": " + e.getMessage());
        }
      }));
    }
    return all.iterator();
  }

  /** A registry of exactly these plugins; clashes are errors naming both classes. */
  public static PluginRegistry of(List<StoreFactory> storeFactories, List<TrajectoryFormat> formatList,
      List<AnalysisFactory> analysisFactories) {
    return new PluginRegistry(
        new Kind<>("store scheme", PluginRegistry::schemesOf, storeFactories),
        new Kind<>("format", f -> List.of(f.name()), formatList),
        new Kind<>("analysis", f -> List.of(f.name()), analysisFactories));
  }

  /**
   * A registry of plugins already keyed (e.g. by Guice map binders, where an override replaces the
   * factory of its key): the keys are taken as given.
   */
  static PluginRegistry ofKeyed(Map<String, StoreFactory> storeFactories, Collection<TrajectoryFormat> formatList,
      Map<String, AnalysisFactory> analysisFactories) {
    Map<String, StoreFactory> lower = new LinkedHashMap<>();
    storeFactories.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new PluginRegistry(Kind.keyed("store scheme", lower),
        new Kind<>("format", f -> List.of(f.name()), List.copyOf(formatList)),
        Kind.keyed("analysis", analysisFactories));
  }

  private static List<String> schemesOf(StoreFactory f) {
    return f.schemes().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** Store factories by scheme (instantiates every store plugin). */
  public Map<String, StoreFactory> stores() {
    return stores.all();
  }

  /** Formats by name (instantiates every format plugin). */
  public Map<String, TrajectoryFormat> formats() {
    return formats.all();
  }

  /** Analysis factories by name (instantiates every analysis plugin). */
  public Map<String, AnalysisFactory> analyses() {
    return analyses.all();
  }

  /** The factory for {@code scheme}, if a plugin serves it; instantiates plugins only up to it. */
  public Optional<StoreFactory> findStore(String scheme) {
    return Optional.ofNullable(stores.find(scheme.toLowerCase(Locale.ROOT)));
  }

  /** The factory for {@code scheme}, or an error naming the module that provides it. */
  public StoreFactory store(String scheme) {
    String s = scheme.toLowerCase(Locale.ROOT);
    return findStore(s).orElseThrow(() -> new PluginException(
        "no store for scheme '" + s + "': " + addHint("scheme:" + s) + " (available: " + stores().keySet() + ")"));
  }

  /** The format named {@code name}, or an error naming the module that provides it. */
  public TrajectoryFormat format(String name) {
    TrajectoryFormat f = formats.find(name);
    if (f == null) {
      throw new PluginException("no format '" + name + "': " + addHint("format:" + name) + " (available: " + formats().keySet() + ")");
    }
    return f;
  }

  /**
   * The format one of whose extensions ends {@code key} (case-insensitive), instantiating format
   * plugins only until one matches. Among formats already instantiated, the first by name wins.
   */
  public Optional<TrajectoryFormat> formatByExtension(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return Optional.ofNullable(formats.first(f -> {
      for (String ext : f.extensions()) {
        if (k.endsWith(ext.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }));
  }

  /** The analysis named {@code name}, or an error listing those available. */
  public AnalysisFactory analysis(String name) {
    AnalysisFactory f = analyses.find(name);
    if (f == null) {
      Map<String, AnalysisFactory> all = analyses();
      throw new PluginException("no analysis '" + name + "'" + (all.isEmpty()
          ? ": " + addHint("analysis:*") : " (available: " + all.keySet() + ")"));
    }
    return f;
  }

  private static String addHint(String key) {
    String module = KNOWN_PROVIDERS.get(key);
    return module == null ? "add a module that provides it to the class path" : "add io.trajstream:" + module;
  }

  /**
   * One kind of plugin: those instantiated so far by key, and the providers not yet reached. Thread
   * safe (a {@link ServiceLoader} is not, so every step holds the lock).
   */
  private static final class Kind<T> {
    private final String what;
    private final Function<T, List<String>> keys;
    private final Iterator<Supplier<T>> pending;
    private final Map<String, T> byKey = new TreeMap<>();

    /** Providers read lazily (a provider's name is read as the iteration reaches it; get() instantiates). */
    Kind(String what, Function<T, List<String>> keys, Iterator<Supplier<T>> providers) {
      this.what = what;
      this.keys = keys;
      this.pending = providers;
    }

    Kind(String what, Function<T, List<String>> keys, List<T> plugins) {
      this.what = what;
      this.keys = keys;
      this.pending = Collections.emptyIterator();
      plugins.forEach(this::add);
    }

    static <T> Kind<T> keyed(String what, Map<String, T> plugins) {
      Kind<T> k = new Kind<>(what, t -> List.of(), List.of());
      k.byKey.putAll(plugins);
      return k;
    }

    private void add(T plugin) {
      for (String key : keys.apply(plugin)) {
        T old = byKey.putIfAbsent(key, plugin);
        if (old != null && old.getClass() != plugin.getClass()) {
          throw new PluginException(
              "duplicate " + what + " '" + key + "': provided by both " + old.getClass().getName() + " and "
                  + plugin.getClass().getName() + "; remove one of them from the class path");
        }
      }
    }

    synchronized T find(String key) {
      T t = byKey.get(key);
      while (t == null && pending.hasNext()) {
        add(pending.next().get());
        t = byKey.get(key);
      }
      return t;
    }

    /** The first plugin (known ones by key order, then newly instantiated ones) that passes {@code test}. */
    synchronized T first(Predicate<T> test) {
      for (T t : byKey.values()) {
        if (test.test(t)) {
          return t;
        }
      }
      while (pending.hasNext()) {
        T t = pending.next().get();
        add(t);
        if (test.test(t)) {
          return t;
        }
      }
      return null;
    }

    synchronized Map<String, T> all() {
      while (pending.hasNext()) {
        add(pending.next().get());
      }
      return Collections.unmodifiableMap(new TreeMap<>(byKey));
    }
  }

  /** The module (artifact or jar) a plugin class came from. */
  public static String moduleOf(Class<?> type) {
    java.nio.file.Path jar = PluginPath.jarOf(type);
    if (jar != null) {
      return jar.toString();
    }
    String name = type.getName();
    for (Map.Entry<String, String> e : MODULE_PACKAGES.entrySet()) {
      if (name.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs != null && cs.getLocation() != null) {
      URL u = cs.getLocation();
      String path = u.getPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return "unknown";
  }

  /** One line per plugin: kind, name, class and module; for the {@code plugins} command. */
  public List<String[]> describe() {
    List<String[]> rows = new ArrayList<>();
    stores().forEach((k, v) -> rows.add(new String[] {"store", k, v.getClass().getName(), moduleOf(v.getClass())}));
    formats().forEach((k, v) -> rows.add(new String[] {"format", k, v.getClass().getName(), moduleOf(v.getClass())}));
    analyses().forEach((k, v) -> rows.add(new String[] {"analysis", k, v.getClass().getName(), moduleOf(v.getClass())}));
    return rows;
  }
}
