package io.trajstream.analysis.builtin;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Accumulator holding the selected atoms' positions of every frame in frame order (needed by
 * analyses such as MSD that relate all pairs of frames). Grows in place when blocks are appended.
 */
public final class PositionSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int atoms;
  private int size;
  private int[] frames = new int[0];
  private double[] times = new double[0];
  private float[] positions = new float[0];

  public PositionSeries(int atoms) {
    this.atoms = atoms;
  }

  /** Adds one frame: {@code 3 * atoms} values of {@code xyz} from {@code off}. */
  public void add(int frame, double time, float[] xyz, int off) {
    ensure(size + 1);
    frames[size] = frame;
    times[size] = time;
    System.arraycopy(xyz, off, positions, size * atoms * 3, atoms * 3);
    size++;
  }

  /** Appends {@code later}'s frames; returns this. */
  public PositionSeries append(PositionSeries later) {
    ensure(size + later.size);
    System.arraycopy(later.frames, 0, frames, size, later.size);
    System.arraycopy(later.times, 0, times, size, later.size);
    System.arraycopy(later.positions, 0, positions, size * atoms * 3, later.size * atoms * 3);
    size += later.size;
    return this;
  }

  private void ensure(int capacity) {
    if (capacity > frames.length) {
      int c = Math.max(capacity, frames.length * 2);
      frames = Arrays.copyOf(frames, c);
      times = Arrays.copyOf(times, c);
      positions = Arrays.copyOf(positions, Math.multiplyExact(c, atoms * 3));
    }
  }

  public int size() {
    return size;
  }

  public int atoms() {
    return atoms;
  }

  public int frame(int i) {
    return frames[i];
  }

  public double time(int i) {
    return times[i];
  }

  /** Coordinate {@code d} of atom {@code a} at frame {@code i}. */
  public float get(int i, int a, int d) {
    return positions[(i * atoms + a) * 3 + d];
  }
}
