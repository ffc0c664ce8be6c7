package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** rmsf meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class RmsfContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Rmsf.Factory().create(AnalysisParams.empty());
  }
}
