package io.trajstream.analysis.spark;

import io.trajstream.runtime.TrajStream;

/** The plugins of an executor's JVM, discovered once, when its first task opens a trajectory. */
final class ExecutorPlugins {
  private ExecutorPlugins() {}

  private static final class Holder {
    static final TrajStream INSTANCE = TrajStream.create();
  }

  static TrajStream trajStream() {
    return Holder.INSTANCE;
  }
}
