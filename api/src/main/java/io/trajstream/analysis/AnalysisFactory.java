package io.trajstream.analysis;

import io.trajstream.ExtensionPoint;

/**
 * Creates analyses by name. Found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.trajstream.analysis.AnalysisFactory}.
 */
@ExtensionPoint
public interface AnalysisFactory {
  /** Name used on the command line, e.g. {@code rmsd}. */
  String name();

  /** One line saying what the analysis computes. */
  String description();

  /** An analysis configured by {@code params}. */
  Analysis<?, ?> create(AnalysisParams params);
}
