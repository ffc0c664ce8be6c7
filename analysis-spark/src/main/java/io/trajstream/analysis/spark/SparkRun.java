package io.trajstream.analysis.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a Spark job: each trajectory's result by URL (or {@link TrajectoryParts#name()}
 * for one given as parts), in the order given, and where the job's time went.
 *
 * @param results each trajectory's result, in the order the trajectories were given
 * @param stats the job's figures
 */
public record SparkRun<R extends Serializable>(Map<String, R> results, Stats stats) {
  /**
   * The result of a job over one trajectory (e.g. one given as its parts).
   *
   * @throws IllegalStateException when the job ran over several trajectories
   */
  public R result() {
    if (results.size() != 1) {
      throw new IllegalStateException("the job ran over " + results.size() + " trajectories, not one: "
          + results.keySet());
    }
    return results.values().iterator().next();
  }

  /**
   * Figures of one job. Task times are summed over all tasks (so over all executor cores).
   *
   * @param tasks partitions run (one split each)
   * @param frames frames analysed
   * @param slots tasks Spark runs at once (its default parallelism)
   * @param planNanos driver: opening the trajectories' metadata and planning the splits
   * @param jobNanos driver: from submitting the job to the last result back
   * @param finishNanos driver: combining the accumulators in frame order and finishing
   * @param openNanos tasks: opening their readers from (URL, store options)
   * @param readNanos tasks: fetching and decoding their chunks
   * @param computeNanos tasks: accumulating their blocks
   * @param resultBytes serialized bytes of the accumulators sent to the driver
   */
  public record Stats(int tasks, long frames, int slots, long planNanos, long jobNanos, long finishNanos,
      long openNanos, long readNanos, long computeNanos, long resultBytes) {
    /**
     * The job's time not spent in tasks, spread over the slots: scheduling, serialization, task
     * start-up and results in transit (never below 0).
     */
    public long schedulingNanos() {
      return Math.max(0, jobNanos - (openNanos + readNanos + computeNanos) / Math.max(1, slots));
    }

    /** Frames per second of the whole run (plan, job, finish). */
    public double framesPerSecond() {
      long total = planNanos + jobNanos + finishNanos;
      return total == 0 ? 0 : frames * 1e9 / total;
    }

    /** One line for logs: rate, and the split of the time between reading, computing and scheduling. */
    @Override
    public String toString() {
      double slotsD = Math.max(1, slots);
      return String.format(Locale.ROOT,
          "%d frames in %d tasks on %d slots: %.0f frames/s; plan %.2f s, job %.2f s (per slot: open %.2f s,"
              + " read %.2f s, compute %.2f s; scheduling and transfer %.2f s), finish %.2f s; %d result bytes",
          frames, tasks, slots, framesPerSecond(), planNanos / 1e9, jobNanos / 1e9, openNanos / 1e9 / slotsD,
          readNanos / 1e9 / slotsD, computeNanos / 1e9 / slotsD, schedulingNanos() / 1e9, finishNanos / 1e9,
          resultBytes);
    }
  }
}
