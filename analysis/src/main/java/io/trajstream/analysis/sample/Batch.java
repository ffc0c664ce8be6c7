package io.trajstream.analysis.sample;

/**
 * A batch of sampled frames: {@code ids.length} frames of {@code atoms} atoms, their values
 * frame-major then atom then xyz in {@code values} (float32, the file's units), and each frame's id
 * (frames of all sources counted one after the other; see {@link FrameSampler#locate}).
 *
 * @param epoch the epoch the batch belongs to
 * @param index the batch's number within its epoch (for this rank)
 */
public record Batch(int epoch, int index, long[] ids, float[] values, int atoms) {
  /** Number of frames in the batch. */
  public int frames() {
    return ids.length;
  }
}
