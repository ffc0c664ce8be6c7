package io.trajstream.cli;

import io.trajstream.runtime.PluginRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code trajstream plugins}: the discovered stores, formats and analyses and their modules. */
@Command(name = "plugins", description = "List the discovered store schemes, formats and analyses, with their modules.")
final class PluginsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PluginRegistry reg = CommandPlugins.registry();
    out.printf("%-9s %-10s %-28s %s%n", "KIND", "NAME", "MODULE", "CLASS");
    for (String[] row : reg.describe()) {
      out.printf("%-9s %-10s %-28s %s%n", row[0], row[1], row[3], row[2]);
    }
    out.flush();
    return 0;
  }
}
