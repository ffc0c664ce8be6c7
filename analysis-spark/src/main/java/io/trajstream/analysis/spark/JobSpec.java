package io.trajstream.analysis.spark;

import io.trajstream.analysis.Analysis;
import io.trajstream.analysis.engine.RunOptions;
import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.ReadOptions;
import io.trajstream.store.StoreConfig;
import java.io.Serializable;
import java.util.Map;

/**
 * What every task of a job shares, shipped with the job's function: how to open the trajectories
 * (store and read options, and for each chained trajectory, by its number, its {@link ChainLayout}),
 * the analysis (its parameters only) and the parts of the run's options an accumulator depends on
 * (atoms, masses, units).
 */
record JobSpec(StoreConfig config, ReadOptions readOptions, Map<Integer, ChainLayout> chains, Analysis<?, ?> analysis,
    AtomSelection atoms, double[] masses, UnitMode units) implements Serializable {
  private static final long serialVersionUID = 2L;

  JobSpec {
    chains = Map.copyOf(chains);
  }

  static JobSpec of(StoreConfig config, ReadOptions readOptions, Map<Integer, ChainLayout> chains,
      Analysis<?, ?> analysis, RunOptions options) {
    return new JobSpec(config, readOptions, chains, analysis, options.atoms(), options.masses(), options.units());
  }

  /** Run options with this job's atoms, masses and units (the engine's context needs no more). */
  RunOptions runOptions() {
    return RunOptions.builder().atoms(atoms).masses(masses).units(units).threads(1).ioThreads(1).build();
  }
}
