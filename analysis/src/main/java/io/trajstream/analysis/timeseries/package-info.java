/**
 * A lazy frames × atoms × 3 view of a per-atom field whose chunk-aligned blocks are fetched on
 * demand ({@link io.trajstream.analysis.timeseries.Timeseries}).
 */
package io.trajstream.analysis.timeseries;
