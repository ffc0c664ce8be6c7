/**
 * Runs TrajStream analyses on Apache Spark ({@link io.trajstream.analysis.spark.SparkAnalysisRunner}):
 * the engine's chunk-aligned splits of one or many trajectories are the partitions, each executor
 * opens its readers from (URL, {@link io.trajstream.store.StoreConfig}), and the accumulators are
 * combined in frame order and finished on the driver. A trajectory may be given as its parts
 * ({@link io.trajstream.analysis.spark.TrajectoryParts}), read as one chain as the in-process engine
 * reads them, each task opening only the part it reads.
 */
package io.trajstream.analysis.spark;
