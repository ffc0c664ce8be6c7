package io.trajstream.cli;

/** Entry point of the {@code trajstream} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    preparePicocli();
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
}
