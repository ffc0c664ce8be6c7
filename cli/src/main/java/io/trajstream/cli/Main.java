package io.trajstream.cli;

/** Entry point of the {@code trajstream} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    preparePicocli();
    prepareLogging();
    System.exit(TrajStreamCommand.execute(System.out, System.err, args));
  }

  /**
   * Picocli would otherwise look the class path up for Groovy on every run, which opens (and
   * reads the directory of) the 50 MB command jar that the class-data archive otherwise spares.
   */
  static void preparePicocli() {
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
  }

  /**
   * The libraries log through SLF4J, which the command's jar binds to its no-op provider; named
   * here, SLF4J does not look it up with a {@link java.util.ServiceLoader}, which would open the
   * jar. Only when the class path is that one jar (with Spark's class path the launcher names
   * Spark's logger) and nobody chose otherwise.
   */
  static void prepareLogging() {
    String classPath = System.getProperty("java.class.path", "");
    if (System.getProperty("slf4j.provider") == null && CommandPlugins.isCommandJar(classPath)) {
      System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN"); // no line saying which provider it took
      }
    }
  }
}
