package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.analysis.AnalysisFactory;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.runtime.PluginRegistry;
import io.trajstream.store.StoreFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The command's plugin index names what the service files of its modules list, and builds the same registry. */
class CommandPluginsTest {
  private static Set<String> serviceFiles(Class<?> type) {
    return ServiceLoader.load(type, CommandPluginsTest.class.getClassLoader()).stream()
        .map(p -> p.type().getName()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void indexNamesEveryProviderOfTheServiceFiles() {
    assertEquals(serviceFiles(StoreFactory.class), new TreeSet<>(CommandPlugins.INDEX.stores()));
    assertEquals(serviceFiles(TrajectoryFormat.class), new TreeSet<>(CommandPlugins.INDEX.formats()));
    assertEquals(serviceFiles(AnalysisFactory.class), new TreeSet<>(CommandPlugins.INDEX.analyses()));
  }

  @Test
  void registryFromTheIndexEqualsTheOneFromServiceFiles() {
    ClassLoader loader = CommandPluginsTest.class.getClassLoader();
    List<String> fromIndex = rows(PluginRegistry.load(loader, CommandPlugins.INDEX));
    List<String> fromFiles = rows(PluginRegistry.load(loader));
    assertEquals(fromFiles, fromIndex);
    assertEquals(6 + 5 + 6, CommandPlugins.INDEX.stores().size() + CommandPlugins.INDEX.formats().size()
        + CommandPlugins.INDEX.analyses().size());
  }

  private static List<String> rows(PluginRegistry registry) {
    return registry.describe().stream().map(r -> String.join(" ", r)).toList();
  }
}
