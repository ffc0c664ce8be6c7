package io.trajstream.analysis.engine;

/**
 * Receives progress while an analysis runs: after each block is folded into the result, and once at
 * the end. Called from engine threads, one call at a time; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = p -> {};

  void onProgress(Progress progress);
}
