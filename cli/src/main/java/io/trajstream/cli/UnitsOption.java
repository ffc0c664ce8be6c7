package io.trajstream.cli;

/** The {@code --units native|md} option shared by commands that print values. */
final class UnitsOption {
  private UnitsOption() {}

  /** True for {@code md} (MDAnalysis units), false for {@code native}. */
  static boolean parse(String value) {
    if (value.equals("md")) {
      return true;
    }
    if (value.equals("native")) {
      return false;
    }
    throw new IllegalArgumentException("--units must be native or md, not '" + value + "'");
  }
}
