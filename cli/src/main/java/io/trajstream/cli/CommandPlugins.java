package io.trajstream.cli;

import io.trajstream.runtime.PluginRegistry;
import io.trajstream.runtime.ProviderIndex;
import io.trajstream.runtime.TrajStream;
import java.io.File;
import java.util.List;

/**
 * The plugins of the command's own jar, named here so that a run does not read the jar's {@code
 * META-INF/services} (opening the 50 MB jar's directory costs about a tenth of a quick command's
 * time; its classes come from the class-data archive without it). Used only when the class path
 * is that one jar, as the launcher runs it; with any other class path, and for the plugin path,
 * plugins are found with {@link java.util.ServiceLoader} as usual. {@code CommandPluginsTest}
 * checks that the lists name exactly what the service files of the command's modules list.
 */
final class CommandPlugins {
  static final ProviderIndex INDEX = new ProviderIndex(
      List.of(
          "io.trajstream.store.FileStoreFactory",
          "io.trajstream.store.MemoryStoreFactory",
          "io.trajstream.runtime.HttpStoreFactory",
          "io.trajstream.s3.S3StoreFactory",
          "io.trajstream.azure.AzureStoreFactory",
          "io.trajstream.gcs.GcsStoreFactory"),
      List.of(
          "io.trajstream.h5md.H5mdFormat",
          "io.trajstream.zarrmd.ZarrmdFormat",
          "io.trajstream.xtc.XtcFormat",
          "io.trajstream.trr.TrrFormat",
          "io.trajstream.dcd.DcdFormat"),
      List.of(
          "io.trajstream.analysis.builtin.Rmsd$Factory",
          "io.trajstream.analysis.builtin.Rmsf$Factory",
          "io.trajstream.analysis.builtin.RadiusOfGyration$Factory",
          "io.trajstream.analysis.builtin.CenterOfMass$Factory",
          "io.trajstream.analysis.builtin.Msd$Factory",
          "io.trajstream.analysis.builtin.Rdf$Factory"));

  private CommandPlugins() {}

  /** A facade over the command's plugins and those of the plugin path. */
  static TrajStream trajStream() {
    return TrajStream.of(registry());
  }

  /** The registry: from {@link #INDEX} when the class path is one jar (the launcher's), else by service files. */
  static PluginRegistry registry() {
    ClassLoader loader = CommandPlugins.class.getClassLoader();
    if (isCommandJar(System.getProperty("java.class.path", ""))) {
      return PluginRegistry.load(loader, INDEX);
    }
    return PluginRegistry.load(loader);
  }

  /** Whether {@code classPath} is one jar alone, as the launcher runs the command. */
  static boolean isCommandJar(String classPath) {
    return !classPath.isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
  }
}
