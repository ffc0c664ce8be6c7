package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** rmsd (mass-weighted, no superposition) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class RmsdWeightedContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Rmsd.Factory().create(AnalysisParams.empty().with("weights", "mass").with("superposition", "false"));
  }
}
