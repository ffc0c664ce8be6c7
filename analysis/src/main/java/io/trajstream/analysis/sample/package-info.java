/**
 * Frames in batches for machine learning: {@link io.trajstream.analysis.sample.FrameSampler}
 * shuffles frames of one or many trajectories per epoch, chunk-aware, with a bounded read-ahead of
 * whole storage chunks.
 */
package io.trajstream.analysis.sample;
