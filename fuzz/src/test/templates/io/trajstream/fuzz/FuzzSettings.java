package io.trajstream.fuzz;

/** Settings of the fuzzing runs, filled in from the module's Maven properties at build time. */
final class FuzzSettings {
  /** How long one target fuzzes in fuzzing mode (property {@code fuzz.duration}, e.g. {@code 10m}). */
  static final String MAX_DURATION = "${fuzz.duration}";

  private FuzzSettings() {}
}
