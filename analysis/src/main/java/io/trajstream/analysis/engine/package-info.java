/**
 * The parallel analysis engine: {@link io.trajstream.analysis.engine.AnalysisEngine} plans reads of
 * whole storage chunks and the blocks cut from them ({@link io.trajstream.analysis.engine.BlockPlanner},
 * {@link io.trajstream.analysis.engine.BlockPlan}), so each chunk is fetched and decoded once; it makes
 * the reads ahead on a bounded I/O pool, accumulates the blocks on a bounded compute pool and combines
 * the accumulators in frame order, so results do not depend on the thread count and memory is bounded
 * by the reads held. {@link io.trajstream.analysis.engine.RunOptions} holds frames, atoms, masses,
 * units, threads, progress and cancellation.
 */
package io.trajstream.analysis.engine;
