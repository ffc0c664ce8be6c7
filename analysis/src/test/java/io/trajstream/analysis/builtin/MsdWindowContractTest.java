package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;

/** msd (windowed, xy) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class MsdWindowContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Msd.Factory().create(AnalysisParams.empty().with("fft", "false").with("msd_type", "xy"));
  }
}
