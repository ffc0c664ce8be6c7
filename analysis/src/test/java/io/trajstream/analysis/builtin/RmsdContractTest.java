package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** rmsd (superposed, ref 3) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class RmsdContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Rmsd.Factory().create(AnalysisParams.empty().with("ref", "3"));
  }
}
