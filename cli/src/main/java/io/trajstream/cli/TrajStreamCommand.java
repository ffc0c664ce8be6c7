package io.trajstream.cli;

import io.trajstream.TrajStreamException;
import io.trajstream.runtime.PluginException;
import io.trajstream.runtime.PluginPath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    description = "Streams molecular-dynamics trajectories from object stores and analyses them in parallel.")
public final class TrajStreamCommand implements Runnable {
  /** The subcommands, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      PluginsCommand.class,
      InfoCommand.class,
      FramesCommand.class,
      AnalyzeCommand.class,
      DemoCommand.class,
      ConvertCommand.class,
      SampleCommand.class,
      IndexCommand.class,
      UploadCommand.class,
      ConsolidateCommand.class,
      BenchCommand.class);

  /** Exit code of a runtime failure. */
  public static final int FAILURE = 1;
  /** Exit code of bad usage. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Inherited by every subcommand: more plugin jars for this run. */
  @CommandLine.Option(names = "--plugin-path", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
      description = "Plugin jars or directories of jars, ':'-separated, loaded after those in "
          + PluginPath.ENV + " (repeatable).")
  void pluginPath(String path) {
    PluginPath.addGiven(path);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Runs the command with the given streams and returns the exit code, without exiting the JVM:
   * the way tests (see the {@code io.trajstream.cli.e2e} tests) drive the command in-process.
   */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // what picocli would print, without first building the model of the command by reflection,
      // which is most of the time this takes
      out.println(Version.text());
      out.flush();
      return 0;
    }
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    PluginPath.setGiven(List.of()); // each run its own --plugin-path
    CommandLine cl = newCommandLine(args);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(new UsageErrors(err));
    cl.setExecutionExceptionHandler(new Failures(err, debug));
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the handler; an Error thrown on this thread ends here
      err.println("trajstream: " + describe(e));
      if (debug) {
        e.printStackTrace(err);
      }
      return FAILURE;
    }
  }

  /** The whole command tree. */
  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new TrajStreamCommand());
    for (Class<?> c : SUBCOMMANDS) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  /**
   * The command tree that {@code args} need: picocli builds the model of every command it is
   * given, by reflection, before it parses anything, so a run of {@code info} gets the root and
   * {@code info} alone, and {@code --version} the root alone. The help and an unknown command's
   * message (which lists or suggests commands) get them all. The result is the same either way.
   */
  static CommandLine newCommandLine(String... args) {
    String first = null;
    boolean help = false;
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        help = true;
      } else if (!a.startsWith("-") && first == null) {
        first = a;
      }
    }
    CommandLine cl = new CommandLine(new TrajStreamCommand());
    Class<?> only = null;
    for (Class<?> c : SUBCOMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    if (only != null) {
      cl.addSubcommand(only);
    } else if (first != null || help) {
      for (Class<?> c : SUBCOMMANDS) {
        cl.addSubcommand(c);
      }
    }
    return cl;
  }

  // No lambda or method reference here touches a picocli type: picocli's classes are old class
  // files (Java 5), which the class-data archive holds only if no lambda links them while it is
  // written; hence the two handlers are classes and the loops above plain loops.

  /** Bad usage: one line and a hint, exit code 2. */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final PrintStream err;

    UsageErrors(PrintStream err) {
      this.err = err;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      err.println("trajstream: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return USAGE;
    }
  }

  /** A command that failed: one line (a stack trace only with --debug), exit code 1 or 2. */
  private static final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final PrintStream err;
    private final boolean debug;

    Failures(PrintStream err, boolean debug) {
      this.err = err;
      this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      Throwable t = unwrap(ex);
      err.println("trajstream: " + describe(t));
      if (debug) {
        t.printStackTrace(err);
      }
      return isUsage(t) ? USAGE : FAILURE;
    }
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
    if (t instanceof OutOfMemoryError) {
      return "out of memory (" + msg + ", heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB): read fewer frames or atoms at a time (--frames, --atoms, --select), or give the JVM more heap,"
          + " e.g. TRAJSTREAM_JAVA_OPTS=-Xmx4g";
    }
    return t.getClass().getSimpleName() + ": " + msg + " (rerun with --debug for details)";
  }

  /** The version of the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }

    /** For example {@code trajstream 0.1.0 (Java 17.0.15+6)}. */
    static String text() {
      return "trajstream " + version() + " (Java " + System.getProperty("java.runtime.version") + ")";
    }

    /**
     * From the command jar's manifest ({@code Implementation-Version}), which the JVM already holds
     * (so {@code --version} reads nothing from the 50 MB jar), else from the build's properties
     * (classes run from a directory, as in the module's tests).
     */
    static String version() {
      String v = TrajStreamCommand.class.getPackage().getImplementationVersion();
      if (v != null) {
        return v;
      }
      Properties p = new Properties();
      try (InputStream in = TrajStreamCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }
  }
}
