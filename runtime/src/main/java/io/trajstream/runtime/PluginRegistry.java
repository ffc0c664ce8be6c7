package io.trajstream.runtime;

import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.StoreFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The store, format and analysis plugins found with {@link ServiceLoader}. Two plugins claiming the
 * same scheme or name are an error naming both classes; asking for a scheme, format or analysis no
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
              Map.entry("io.trajstream.zarr.", "trajstream-zarr"),
              Map.entry("io.trajstream.analysis.", "trajstream-analysis")));

  private final Map<String, StoreFactory> stores;
  private final Map<String, TrajectoryFormat> formats;
  private final Map<String, AnalysisFactory> analyses;

  private PluginRegistry(Map<String, StoreFactory> stores, Map<String, TrajectoryFormat> formats,
      Map<String, AnalysisFactory> analyses) {
    this.stores = Collections.unmodifiableMap(stores);
    this.formats = Collections.unmodifiableMap(formats);
    this.analyses = Collections.unmodifiableMap(analyses);
  }

  /** Discovers plugins on the context class loader (or this class's loader). */
  public static PluginRegistry load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return load(cl != null ? cl : PluginRegistry.class.getClassLoader());
  }

  /** Discovers plugins on {@code loader}. */
  public static PluginRegistry load(ClassLoader loader) {
    return of(
        ServiceLoader.load(StoreFactory.class, loader).stream().map(ServiceLoader.Provider::get).toList(),
        ServiceLoader.load(TrajectoryFormat.class, loader).stream().map(ServiceLoader.Provider::get).toList(),
        ServiceLoader.load(AnalysisFactory.class, loader).stream().map(ServiceLoader.Provider::get).toList());
  }

  /** A registry of exactly these plugins; clashes are errors naming both classes. */
  public static PluginRegistry of(List<StoreFactory> storeFactories, List<TrajectoryFormat> formatList,
      List<AnalysisFactory> analysisFactories) {
    Map<String, StoreFactory> stores = new TreeMap<>();
    for (StoreFactory f : storeFactories) {
      for (String scheme : f.schemes()) {
        put(stores, "store scheme", scheme.toLowerCase(Locale.ROOT), f);
      }
    }
    Map<String, TrajectoryFormat> formats = new TreeMap<>();
    for (TrajectoryFormat f : formatList) {
      put(formats, "format", f.name(), f);
    }
    Map<String, AnalysisFactory> analyses = new TreeMap<>();
    for (AnalysisFactory f : analysisFactories) {
      put(analyses, "analysis", f.name(), f);
    }
    return new PluginRegistry(stores, formats, analyses);
  }

  private static <T> void put(Map<String, T> map, String what, String name, T plugin) {
    T old = map.putIfAbsent(name, plugin);
    if (old != null && old.getClass() != plugin.getClass()) {
      throw new PluginException(
          "duplicate " + what + " '" + name + "': provided by both " + old.getClass().getName() + " and "
              + plugin.getClass().getName() + "; remove one of them from the class path");
    }
  }

  /** Store factories by scheme. */
  public Map<String, StoreFactory> stores() {
    return stores;
  }

  /** Formats by name. */
  public Map<String, TrajectoryFormat> formats() {
    return formats;
  }

  /** Analysis factories by name. */
  public Map<String, AnalysisFactory> analyses() {
    return analyses;
  }

  /** The factory for {@code scheme}, or an error naming the module that provides it. */
  public StoreFactory store(String scheme) {
    return requireStore(stores, scheme);
  }

  static StoreFactory requireStore(Map<String, StoreFactory> stores, String scheme) {
    String s = scheme.toLowerCase(Locale.ROOT);
    StoreFactory f = stores.get(s);
    if (f == null) {
      throw new PluginException("no store for scheme '" + s + "': " + addHint("scheme:" + s) + " (available: " + stores.keySet() + ")");
    }
    return f;
  }

  /** The format named {@code name}, or an error naming the module that provides it. */
  public TrajectoryFormat format(String name) {
    return requireFormat(formats, name);
  }

  static TrajectoryFormat requireFormat(Map<String, TrajectoryFormat> formats, String name) {
    TrajectoryFormat f = formats.get(name);
    if (f == null) {
      throw new PluginException("no format '" + name + "': " + addHint("format:" + name) + " (available: " + formats.keySet() + ")");
    }
    return f;
  }

  /** The analysis named {@code name}, or an error listing those available. */
  public AnalysisFactory analysis(String name) {
    AnalysisFactory f = analyses.get(name);
    if (f == null) {
      throw new PluginException("no analysis '" + name + "': " + (analyses.isEmpty() ? addHint("analysis:*") : "available: " + analyses.keySet()));
    }
    return f;
  }

  private static String addHint(String key) {
    String module = KNOWN_PROVIDERS.get(key);
    return module == null ? "add a module that provides it to the class path" : "add io.trajstream:" + module;
  }

  /** The module (artifact or jar) a plugin class came from. */
  public static String moduleOf(Class<?> type) {
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
    stores.forEach((k, v) -> rows.add(new String[] {"store", k, v.getClass().getName(), moduleOf(v.getClass())}));
    formats.forEach((k, v) -> rows.add(new String[] {"format", k, v.getClass().getName(), moduleOf(v.getClass())}));
    analyses.forEach((k, v) -> rows.add(new String[] {"analysis", k, v.getClass().getName(), moduleOf(v.getClass())}));
    return rows;
  }
}
