package io.trajstream.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.store.StoreFactory;

/**
 * Guice wiring of the plugins found by {@link PluginRegistry}: a scheme-keyed {@code
 * MapBinder<String, StoreFactory>}, a {@code Multibinder<TrajectoryFormat>} and a name-keyed {@code
 * MapBinder<String, AnalysisFactory>}. Add plugins by contributing to the same binders in your own
 * module; replace a discovered store or analysis by binding the same key in {@link
 * #storeOverrides} / {@link #analysisOverrides} (entries there win).
 */
public class TrajStreamModule extends AbstractModule {
  private final PluginRegistry registry;

  public TrajStreamModule() {
    this(PluginRegistry.load());
  }

  public TrajStreamModule(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void configure() {
    MapBinder<String, StoreFactory> stores = storeBinder(binder());
    registry.stores().forEach((scheme, f) -> stores.addBinding(scheme).toInstance(f));
    Multibinder<TrajectoryFormat> formats = formatBinder(binder());
    registry.formats().values().forEach(f -> formats.addBinding().toInstance(f));
    MapBinder<String, AnalysisFactory> analyses = analysisBinder(binder());
    registry.analyses().forEach((name, f) -> analyses.addBinding(name).toInstance(f));
    storeOverrides(binder());
    analysisOverrides(binder());
    bind(TrajStream.class);
  }

  /** Store factories that replace discovered ones with the same scheme. */
  public static MapBinder<String, StoreFactory> storeOverrides(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, StoreFactory.class, Overrides.class);
  }

  /** Analysis factories that replace discovered ones with the same name. */
  public static MapBinder<String, AnalysisFactory> analysisOverrides(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, AnalysisFactory.class, Overrides.class);
  }

  /** The store binder, for user modules that add a scheme. */
  public static MapBinder<String, StoreFactory> storeBinder(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, StoreFactory.class);
  }

  /** The format binder, for user modules that add a format. */
  public static Multibinder<TrajectoryFormat> formatBinder(com.google.inject.Binder binder) {
    return Multibinder.newSetBinder(binder, TrajectoryFormat.class);
  }

  /** The analysis binder, for user modules that add an analysis. */
  public static MapBinder<String, AnalysisFactory> analysisBinder(com.google.inject.Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, AnalysisFactory.class);
  }
}
