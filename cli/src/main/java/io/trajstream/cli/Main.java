package io.trajstream.cli;

/** Entry point of the {@code trajstream} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(TrajStreamCommand.execute(System.out, System.err, args));
  }
}
