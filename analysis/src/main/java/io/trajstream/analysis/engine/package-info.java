/**
 * The parallel analysis engine: {@link io.trajstream.analysis.engine.AnalysisEngine} cuts a run's
 * frames into blocks aligned to the storage chunks ({@link io.trajstream.analysis.engine.BlockPlanner}),
 * reads them ahead on a bounded I/O pool, accumulates them on a bounded compute pool and combines the
 * accumulators in frame order, so results do not depend on the thread count and memory is bounded by
 * the blocks in flight. {@link io.trajstream.analysis.engine.RunOptions} holds frames, atoms, masses,
 * units, threads, progress and cancellation.
 */
package io.trajstream.analysis.engine;
