package io.trajstream.runtime;

import java.util.List;

/**
 * The class names of the store, format and analysis plugins an application's own class path
 * holds, for {@link PluginRegistry#load(ClassLoader, ProviderIndex)}: a registry built from it
 * does not read {@code META-INF/services}, so a short command does not open its jar just to find
 * its plugins. Each class needs a public no-argument constructor, as for {@link
 * java.util.ServiceLoader}.
 *
 * @param stores {@link io.trajstream.store.StoreFactory} implementations
 * @param formats {@link io.trajstream.format.TrajectoryFormat} implementations
 * @param analyses {@link io.trajstream.analysis.AnalysisFactory} implementations
 */
public record ProviderIndex(List<String> stores, List<String> formats, List<String> analyses) {
  /** Copies the lists. */
  public ProviderIndex {
    stores = List.copyOf(stores);
    formats = List.copyOf(formats);
    analyses = List.copyOf(analyses);
  }
}
