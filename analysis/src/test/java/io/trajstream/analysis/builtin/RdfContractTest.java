package io.trajstream.analysis.builtin;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.AnalysisParams;
import io.trajstream.format.AtomSelection;

/** rdf (two groups) meets the testkit's analysis contract (serial = any block split = parallel; associative combine). */
class RdfContractTest extends EngineAnalysisContract {
  @Override
  protected Analysis<?, ?> analysis() {
    return new Rdf.Factory().create(AnalysisParams.empty().with("nbins", "40").with("range", "0:14").with("g1", "index 0:11").with("g2", "index 12:47"));
  }

  @Override
  protected AtomSelection atoms() {
    return AtomSelection.all();
  }
}
