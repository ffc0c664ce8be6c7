package io.trajstream.synthetic;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible trajectory for tests and benchmarks: a polymer-like chain (neighbours at
 * most 1.5 Å apart at rest, each atom wobbling and drifting slowly) plus solvent atoms diffusing in a
 * periodic orthorhombic box. Every frame is computed on its own from the seed, so any frame range
 * can be produced without holding the trajectory in memory. Lengths in Angstrom, time in ps.
 */
public final class SyntheticTrajectory {
  private final int atoms;
  private final int frames;
  private final int chainAtoms;
  private final long seed;
  private final double dt;
  private final long stepsPerFrame;
  private final float boxEdge;
  private final EnumSet<Field> fields;
  private final double[] base;
  private final double[] amplitude;
  private final double[] omega;
  private final double[] phase;
  private final double[] drift;

  private SyntheticTrajectory(Builder b) {
    this.atoms = b.atoms;
    this.frames = b.frames;
    this.chainAtoms = Math.min(b.chainAtoms < 0 ? Math.max(1, b.atoms / 4) : b.chainAtoms, b.atoms);
    this.seed = b.seed;
    this.dt = b.dt;
    this.stepsPerFrame = b.stepsPerFrame;
    this.boxEdge = b.boxEdge;
    this.fields = EnumSet.copyOf(b.fields);
    SplittableRandom rnd = new SplittableRandom(seed);
    base = new double[atoms * 3];
    amplitude = new double[atoms * 3];
    omega = new double[atoms * 3];
    phase = new double[atoms * 3];
    drift = new double[atoms * 3];
    double cx = boxEdge / 2, cy = boxEdge / 2, cz = boxEdge / 2;
    for (int i = 0; i < atoms; i++) {
      for (int d = 0; d < 3; d++) {
        int k = i * 3 + d;
        if (i < chainAtoms) {
          // random walk with 1.5 Angstrom bonds around the box centre
          double prev = i == 0 ? (d == 0 ? cx : d == 1 ? cy : cz) : base[k - 3];
          base[k] = prev + rnd.nextDouble(-0.866, 0.866);
          amplitude[k] = 0.2 + 0.3 * rnd.nextDouble();
          omega[k] = 0.05 + 0.2 * rnd.nextDouble();
          drift[k] = 0.002 * (rnd.nextDouble() - 0.5);
        } else {
          base[k] = rnd.nextDouble(0, boxEdge);
          amplitude[k] = 0.5 + rnd.nextDouble();
          omega[k] = 0.1 + 0.5 * rnd.nextDouble();
          drift[k] = 0.05 * (rnd.nextDouble() - 0.5);
        }
        phase[k] = rnd.nextDouble(0, 2 * Math.PI);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public int atoms() {
    return atoms;
  }

  public int frames() {
    return frames;
  }

  /** Number of chain atoms (the first atoms); the rest are solvent. */
  public int chainAtoms() {
    return chainAtoms;
  }

  /** The fields this trajectory holds. */
  public Set<Field> fields() {
    return EnumSet.copyOf(fields);
  }

  /** Description of the trajectory, as a reader of a file holding it would give. */
  public TrajectoryInfo info() {
    long[] steps = new long[frames];
    double[] times = new double[frames];
    for (int f = 0; f < frames; f++) {
      steps[f] = f * stepsPerFrame;
      times[f] = f * dt;
    }
    TrajectoryInfo.Builder b =
        TrajectoryInfo.builder("synthetic", atoms, steps)
            .location("synthetic:seed=" + seed)
            .times(times)
            .timeUnit("ps")
            .boundary(List.of("periodic", "periodic", "periodic"))
            .particleGroup("all")
            .author("TrajStream testkit")
            .creator("trajstream-testkit");
    for (Field f : fields) {
      b.field(f, unitOf(f));
    }
    return b.build();
  }

  private static String unitOf(Field f) {
    switch (f) {
      case POSITION:
      case BOX:
        return "Angstrom";
      case VELOCITY:
        return "Angstrom ps-1";
      default:
        return "kJ mol-1 Angstrom-1";
    }
  }

  /** Position of coordinate {@code k} (atom*3+dim) at frame {@code f}; solvent wraps into the box. */
  public double position(int f, int k) {
    double t = f * dt;
    double x = base[k] + amplitude[k] * Math.sin(omega[k] * t + phase[k]) + drift[k] * t;
    if (k / 3 >= chainAtoms) {
      x = x - boxEdge * Math.floor(x / boxEdge);
    }
    return x;
  }

  private double velocity(int f, int k) {
    double t = f * dt;
    return amplitude[k] * omega[k] * Math.cos(omega[k] * t + phase[k]) + drift[k];
  }

  private double force(int f, int k) {
    double t = f * dt;
    return -2.0 * amplitude[k] * omega[k] * omega[k] * Math.sin(omega[k] * t + phase[k]);
  }

  /** The frames and atoms asked for, with the fields asked for that this trajectory has. */
  public FrameBlock block(FrameRange range, AtomSelection selection, Set<Field> wanted) {
    range.checkWithin(frames);
    int[] sel = selection.resolve(atoms);
    FrameBlock.Builder b = FrameBlock.builder(range.toArray(), sel);
    for (int i = 0; i < range.size(); i++) {
      int f = range.frame(i);
      b.step(i, f * stepsPerFrame).time(i, f * dt);
      for (Field field : wanted) {
        if (!fields.contains(field)) {
          continue;
        }
        float[] a = b.array(field);
        if (field == Field.BOX) {
          float edge = boxEdge;
          System.arraycopy(new float[] {edge, edge, edge, 90f, 90f, 90f}, 0, a, i * 6, 6);
        } else {
          int o = i * sel.length * 3;
          for (int j = 0; j < sel.length; j++) {
            for (int d = 0; d < 3; d++) {
              int k = sel[j] * 3 + d;
              double v = field == Field.POSITION ? position(f, k) : field == Field.VELOCITY ? velocity(f, k) : force(f, k);
              a[o + j * 3 + d] = (float) v;
            }
          }
        }
        b.markPresent(field, i);
      }
    }
    return b.build();
  }

  /** All atoms, all fields, frames {@code [start, stop)}. */
  public FrameBlock block(int start, int stop) {
    return block(FrameRange.of(start, stop), AtomSelection.all(), fields);
  }

  /** An in-memory reader over this trajectory, reporting {@code framesPerChunk} as its chunk layout. */
  public TrajectoryReader reader(int framesPerChunk) {
    TrajectoryInfo.Builder ib = info().toBuilder();
    for (Field f : fields) {
      ib.chunking(f, framesPerChunk, "none");
    }
    TrajectoryInfo info = ib.build();
    return new TrajectoryReader() {
      @Override
      public TrajectoryInfo info() {
        return info;
      }

      @Override
      public FrameBlock read(FrameRange range, AtomSelection selection, Set<Field> wanted) {
        return block(range, selection, wanted);
      }

      @Override
      public void close() {}
    };
  }

  /** Writes the whole trajectory with {@code format} in blocks of {@code blockFrames} frames. */
  public void writeTo(TrajectoryFormat format, Store store, String key, WriteOptions options, int blockFrames)
      throws IOException {
    TrajectoryWriter w = format.create(store, key, info(), options);
    try {
      for (int start = 0; start < frames; start += blockFrames) {
        w.append(block(start, Math.min(frames, start + blockFrames)));
      }
    } catch (IOException | RuntimeException e) {
      w.abort();
      throw e;
    }
    w.close();
  }

  /** Configures a {@link SyntheticTrajectory}. */
  public static final class Builder {
    private int atoms = 100;
    private int frames = 20;
    private int chainAtoms = -1;
    private long seed = 42;
    private double dt = 1.0;
    private long stepsPerFrame = 10;
    private float boxEdge = 30f;
    private EnumSet<Field> fields = EnumSet.allOf(Field.class);

    public Builder atoms(int v) {
      atoms = v;
      return this;
    }

    public Builder frames(int v) {
      frames = v;
      return this;
    }

    /** Atoms in the chain (default a quarter of all atoms). */
    public Builder chainAtoms(int v) {
      chainAtoms = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Time between frames in ps. */
    public Builder timeStep(double v) {
      dt = v;
      return this;
    }

    public Builder stepsPerFrame(long v) {
      stepsPerFrame = v;
      return this;
    }

    /** Edge of the cubic periodic box in Angstrom. */
    public Builder box(float edge) {
      boxEdge = edge;
      return this;
    }

    public Builder fields(Set<Field> v) {
      fields = EnumSet.copyOf(v);
      return this;
    }

    public SyntheticTrajectory build() {
      if (atoms < 1 || frames < 0) {
        throw new IllegalArgumentException("atoms must be >= 1 and frames >= 0");
      }
      return new SyntheticTrajectory(this);
    }
  }
}
