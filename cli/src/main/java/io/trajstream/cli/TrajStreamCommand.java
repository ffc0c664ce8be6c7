package io.trajstream.cli;

import io.trajstream.TrajStreamException;
import io.trajstream.runtime.PluginException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trajstream} command: subcommands, exit codes (0 ok, 1 runtime failure, 2 bad usage)
 * and one-line errors (a stack trace only with {@code --debug}).
 */
@Command(
    name = "trajstream",
    // INHERIT: every subcommand, present and future, answers -h/--help and -V/--version too
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = TrajStreamCommand.Version.class,
    description = "Streams molecular-dynamics trajectories from object stores and analyses them in parallel.",
    subcommands = {
      PluginsCommand.class,
      InfoCommand.class,
      FramesCommand.class,
      AnalyzeCommand.class,
      DemoCommand.class,
      ConvertCommand.class,
      IndexCommand.class,
      BenchCommand.class,
    })
public final class TrajStreamCommand implements Runnable {
  /** Exit code of a runtime failure. */
  public static final int FAILURE = 1;
  /** Exit code of bad usage. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Runs the command with the given streams and returns the exit code, without exiting the JVM:
   * the way tests (see the {@code io.trajstream.cli.e2e} tests) drive the command in-process.
   */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    CommandLine cl = new CommandLine(new TrajStreamCommand());
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("trajstream: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable t = unwrap(ex);
          err.println("trajstream: " + describe(t));
          if (debug) {
            t.printStackTrace(err);
          }
          return isUsage(t) ? USAGE : FAILURE;
        });
    return cl.execute(args);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof UncheckedIOException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static boolean isUsage(Throwable t) {
    return t instanceof IllegalArgumentException || t instanceof PluginException
        || t instanceof IndexOutOfBoundsException;
  }

  /** One line: what went wrong and where; with a hint where one helps. */
  static String describe(Throwable t) {
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof FileNotFoundException) {
      return "not found: " + msg;
    }
    if (t instanceof TrajStreamException || t instanceof IllegalArgumentException) {
      return msg;
    }
    if (t instanceof IOException) {
      return "I/O error: " + msg + " (rerun with --debug for details)";
    }
    return t.getClass().getSimpleName() + ": " + msg + " (rerun with --debug for details)";
  }

  /** Reads the version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = TrajStreamCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"trajstream " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"};
    }
  }
}
