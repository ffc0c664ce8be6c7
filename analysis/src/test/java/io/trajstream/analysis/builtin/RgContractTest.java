package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** rg (mass-weighted) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class RgContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new RadiusOfGyration.Factory().create(AnalysisParams.empty().with("weights", "mass"));
  }
}
