package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** msd (FFT) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class MsdContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Msd.Factory().create(AnalysisParams.empty());
  }
}
