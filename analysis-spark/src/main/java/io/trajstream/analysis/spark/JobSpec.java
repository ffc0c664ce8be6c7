package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.Serializable;

/**
 * What every task of a job shares, shipped to the executors once per task: how to open the
 * trajectories, the analysis (its parameters only) and the parts of the run's options an
 * accumulator depends on (atoms, masses, units).
 */
record JobSpec(StoreConfig config, ReadOptions readOptions, Analysis<?, ?> analysis, AtomSelection atoms,
    double[] masses, UnitMode units) implements Serializable {
  private static final long serialVersionUID = 1L;

  static JobSpec of(StoreConfig config, ReadOptions readOptions, Analysis<?, ?> analysis, RunOptions options) {
    return new JobSpec(config, readOptions, analysis, options.atoms(), options.masses(), options.units());
  }

  /** Run options with this job's atoms, masses and units (the engine's context needs no more). */
  RunOptions runOptions() {
    return RunOptions.builder().atoms(atoms).masses(masses).units(units).threads(1).ioThreads(1).build();
  }
}
