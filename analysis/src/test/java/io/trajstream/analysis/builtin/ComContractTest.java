package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** com (geometry) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class ComContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new CenterOfMass.Factory().create(AnalysisParams.empty().with("weights", "none"));
  }
}
