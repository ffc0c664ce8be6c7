package io.trajstream.format;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frames read from a trajectory: for each field a contiguous {@code float[]} laid out frame-major,
 * then atom, then xyz ({@link Field#BOX}: 6 values per frame, a b c alpha beta gamma). A field may be
 * absent at some frames (its samples there are NaN and {@link #has} is false): a frame's values are
 * never taken from another frame. Values are in the file's units; see {@link Units}.
 */
public final class FrameBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] frames;
  private final int[] atoms;
  private final long[] steps;
  private final double[] times;
  private final EnumMap<Field, float[]> values;
  private final EnumMap<Field, boolean[]> present;

  private FrameBlock(Builder b) {
    this.frames = b.frames;
    this.atoms = b.atoms;
    this.steps = b.steps;
    this.times = b.times;
    this.values = b.values;
    this.present = b.present;
  }

  /** Starts a block for the given absolute frame indices and atom indices. */
  public static Builder builder(int[] frames, int[] atoms) {
    return new Builder(frames, atoms);
  }

  /** Number of frames in the block. */
  public int frameCount() {
    return frames.length;
  }

  /** Number of atoms per frame. */
  public int atomCount() {
    return atoms.length;
  }

  /** Absolute index of the {@code i}-th frame of the block. */
  public int frame(int i) {
    return frames[i];
  }

  /** Absolute frame indices. */
  public int[] frames() {
    return frames.clone();
  }

  /** The atom indices, in order. */
  public int[] atoms() {
    return atoms.clone();
  }

  /** MD step of the {@code i}-th frame. */
  public long step(int i) {
    return steps[i];
  }

  /** Time of the {@code i}-th frame, NaN when the file has no time. */
  public double time(int i) {
    return times[i];
  }

  /** The fields this block holds (present in at least one of its frames). */
  public Set<Field> fields() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** Whether {@code field} has a sample at the {@code i}-th frame. */
  public boolean has(Field field, int i) {
    boolean[] p = present.get(field);
    return p != null && p[i];
  }

  /** The values of {@code field} (the backing array: do not modify), or null if absent. */
  public float[] values(Field field) {
    return values.get(field);
  }

  /** Positions; throws naming the field when the block has none. */
  public float[] positions() {
    return require(Field.POSITION);
  }

  /** The values of {@code field}, or an exception naming it. */
  public float[] require(Field field) {
    float[] v = values.get(field);
    if (v == null) {
      throw new IllegalStateException("block of frames " + Arrays.toString(Arrays.copyOf(frames, Math.min(3, frames.length)))
          + "… has no " + field.key());
    }
    return v;
  }

  /** Offset of frame {@code i} in a per-atom array. */
  public int frameOffset(int i) {
    return i * atoms.length * 3;
  }

  /** The box of frame {@code i} as {a, b, c, alpha, beta, gamma}, or null when absent there. */
  public float[] box(int i) {
    if (!has(Field.BOX, i)) {
      return null;
    }
    return Arrays.copyOfRange(values.get(Field.BOX), i * 6, i * 6 + 6);
  }

  /** Applies a scale per field (box: lengths only) and to time; used for unit conversion. */
  public FrameBlock scaled(Map<Field, Double> fieldFactors, double timeFactor) {
    Builder b = new Builder(frames, atoms);
    for (int i = 0; i < frames.length; i++) {
      b.steps[i] = steps[i];
      b.times[i] = times[i] * timeFactor;
    }
    for (Map.Entry<Field, float[]> e : values.entrySet()) {
      Field f = e.getKey();
      double k = fieldFactors.getOrDefault(f, 1.0);
      float[] src = e.getValue();
      float[] dst = src.clone();
      if (k != 1.0) {
        if (f == Field.BOX) {
          for (int i = 0; i < dst.length; i++) {
            if (i % 6 < 3) {
              dst[i] = (float) (src[i] * k);
            }
          }
        } else {
          for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) (src[i] * k);
          }
        }
      }
      b.values.put(f, dst);
      b.present.put(f, present.get(f).clone());
    }
    return b.build();
  }

  /** Joins consecutive blocks that share atoms into one. */
  public static FrameBlock concat(List<FrameBlock> blocks) {
    if (blocks.size() == 1) {
      return blocks.get(0);
    }
    int n = blocks.stream().mapToInt(FrameBlock::frameCount).sum();
    int[] fr = new int[n];
    int[] atoms = blocks.isEmpty() ? new int[0] : blocks.get(0).atoms;
    int at = 0;
    for (FrameBlock b : blocks) {
      System.arraycopy(b.frames, 0, fr, at, b.frames.length);
      at += b.frames.length;
    }
    Builder out = new Builder(fr, atoms);
    int frame = 0;
    for (FrameBlock b : blocks) {
      for (int i = 0; i < b.frameCount(); i++, frame++) {
        out.step(frame, b.steps[i]).time(frame, b.times[i]);
        for (Field f : b.values.keySet()) {
          if (b.has(f, i)) {
            int w = f.valuesPerFrame(atoms.length);
            out.set(f, frame, b.values.get(f), i * w);
          }
        }
      }
    }
    return out.build();
  }

  @Override
  public String toString() {
    return "FrameBlock[frames=" + frames.length + (frames.length > 0 ? " from " + frames[0] : "")
        + ", atoms=" + atoms.length + ", fields=" + values.keySet() + "]";
  }

  /** Fills a block frame by frame; arrays are allocated on first use of a field. */
  public static final class Builder {
    private final int[] frames;
    private final int[] atoms;
    private final long[] steps;
    private final double[] times;
    private final EnumMap<Field, float[]> values = new EnumMap<>(Field.class);
    private final EnumMap<Field, boolean[]> present = new EnumMap<>(Field.class);

    private Builder(int[] frames, int[] atoms) {
      this.frames = frames.clone();
      this.atoms = atoms.clone();
      this.steps = new long[frames.length];
      this.times = new double[frames.length];
      Arrays.fill(times, Double.NaN);
    }

    public int frameCount() {
      return frames.length;
    }

    public int atomCount() {
      return atoms.length;
    }

    public Builder step(int i, long step) {
      steps[i] = step;
      return this;
    }

    public Builder time(int i, double time) {
      times[i] = time;
      return this;
    }

    /**
     * The array for {@code field}, allocated (NaN-filled) on first use, for readers that decode
     * straight into it; call {@link #markPresent} for every frame they fill.
     */
    public float[] array(Field field) {
      return values.computeIfAbsent(
          field,
          f -> {
            float[] a = new float[frames.length * f.valuesPerFrame(atoms.length)];
            Arrays.fill(a, Float.NaN);
            present.put(f, new boolean[frames.length]);
            return a;
          });
    }

    /**
     * The array for {@code field} with every frame already marked present, not NaN-filled: for
     * readers that are about to write every value of it (saves a pass over large blocks). The
     * caller must fill the whole array.
     */
    public float[] arrayForAllFrames(Field field) {
      float[] a = values.get(field);
      if (a == null) {
        a = new float[frames.length * field.valuesPerFrame(atoms.length)];
        values.put(field, a);
        present.put(field, new boolean[frames.length]);
      }
      Arrays.fill(present.get(field), true);
      return a;
    }

    /** Declares that {@code field} has a sample at frame {@code i}. */
    public Builder markPresent(Field field, int i) {
      array(field);
      present.get(field)[i] = true;
      return this;
    }

    /** Copies one frame's values of {@code field} from {@code src} at {@code srcOffset}. */
    public Builder set(Field field, int i, float[] src, int srcOffset) {
      int w = field.valuesPerFrame(atoms.length);
      System.arraycopy(src, srcOffset, array(field), i * w, w);
      return markPresent(field, i);
    }

    /** Declares {@code field} as requested but absent in every frame so far. */
    public Builder declare(Field field) {
      array(field);
      return this;
    }

    public FrameBlock build() {
      return new FrameBlock(this);
    }
  }
}
