package io.trajstream.analysis.engine;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.FrameRange;
import java.util.function.LongSupplier;

/**
 * How to run an analysis: which frames ({@code start}, {@code stop}, {@code step}) and atoms,
 * their masses, the units the analysis sees, the compute and I/O thread counts, how many reads and
 * bytes may be held at once, the block size, a progress listener, a cancellation token and an optional counter
 * of bytes read from the store. Immutable; build with {@link #builder()}.
 */
public final class RunOptions {
  /** Default target size of a read's and a block's decoded data. */
  public static final long DEFAULT_BLOCK_BYTES = 4L << 20;

  private final int start;
  private final int stop;
  private final int step;
  private final AtomSelection atoms;
  private final double[] masses;
  private final UnitMode units;
  private final int threads;
  private final int ioThreads;
  private final int inFlight;
  private final int chunksPerBlock;
  private final long blockBytes;
  private final long memoryBytes;
  private final ProgressListener progress;
  private final Cancellation cancellation;
  private final LongSupplier bytesRead;

  private RunOptions(Builder b) {
    this.start = b.start;
    this.stop = b.stop;
    this.step = b.step;
    this.atoms = b.atoms;
    this.masses = b.masses;
    this.units = b.units;
    this.threads = b.threads;
    this.ioThreads = b.ioThreads;
    this.inFlight = b.inFlight > 0 ? b.inFlight : b.threads + b.ioThreads;
    this.chunksPerBlock = b.chunksPerBlock;
    this.blockBytes = b.blockBytes;
    this.memoryBytes = b.memoryBytes;
    this.progress = b.progress;
    this.cancellation = b.cancellation;
    this.bytesRead = b.bytesRead;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: all frames and atoms, native units, one compute thread per processor. */
  public static RunOptions defaults() {
    return builder().build();
  }

  /** The frames of a trajectory of {@code frames} frames this run analyses. */
  public FrameRange frames(int frames) {
    int s = Math.min(start, frames);
    int e = stop < 0 ? frames : Math.min(stop, frames);
    return new FrameRange(s, Math.max(s, e), step);
  }

  public AtomSelection atoms() {
    return atoms;
  }

  /** Masses of all atoms of the system (not only the selected ones), or null. */
  public double[] masses() {
    return masses == null ? null : masses.clone();
  }

  public UnitMode units() {
    return units;
  }

  public int threads() {
    return threads;
  }

  public int ioThreads() {
    return ioThreads;
  }

  /** Reads held at once (being read, or holding blocks not yet folded); see also {@link #memoryBytes()}. */
  public int inFlight() {
    return inFlight;
  }

  /**
   * Storage chunks per read, each read handed to the analysis as one block; 0 sizes reads and blocks
   * from {@link #blockBytes()}.
   */
  public int chunksPerBlock() {
    return chunksPerBlock;
  }

  /** Target decoded bytes (all atoms, as chunks hold them) per read and per block. */
  public long blockBytes() {
    return blockBytes;
  }

  /**
   * Decoded bytes the reads held at once may take (0: the default, {@link #inFlight()} × {@link
   * #blockBytes()} but no more than a quarter of the JVM's heap limit, and at least two of the run's
   * largest reads, so that one is fetched while another is computed). A read larger than this is still made, once, when nothing else is held: a storage
   * chunk is the floor.
   */
  public long memoryBytes() {
    return memoryBytes;
  }

  public ProgressListener progress() {
    return progress;
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  /** Counter of bytes read from the store (e.g. a metering store's), or null. */
  public LongSupplier bytesRead() {
    return bytesRead;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.start = start;
    b.stop = stop;
    b.step = step;
    b.atoms = atoms;
    b.masses = masses;
    b.units = units;
    b.threads = threads;
    b.ioThreads = ioThreads;
    b.inFlight = inFlight;
    b.chunksPerBlock = chunksPerBlock;
    b.blockBytes = blockBytes;
    b.memoryBytes = memoryBytes;
    b.progress = progress;
    b.cancellation = cancellation;
    b.bytesRead = bytesRead;
    return b;
  }

  /** Builds {@link RunOptions}. */
  public static final class Builder {
    private int start = 0;
    private int stop = -1;
    private int step = 1;
    private AtomSelection atoms = AtomSelection.all();
    private double[] masses;
    private UnitMode units = UnitMode.NATIVE;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int ioThreads = 4;
    private int inFlight = 0;
    private int chunksPerBlock = 0;
    private long blockBytes = DEFAULT_BLOCK_BYTES;
    private long memoryBytes = 0;
    private ProgressListener progress = ProgressListener.NONE;
    private Cancellation cancellation = new Cancellation();
    private LongSupplier bytesRead;

    /** First frame (default 0). */
    public Builder start(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("start must be >= 0, got " + v);
      }
      start = v;
      return this;
    }

    /** Frame to stop before; negative for the end (default). */
    public Builder stop(int v) {
      stop = v;
      return this;
    }

    /** Frames between analysed frames (default 1). */
    public Builder step(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("step must be >= 1, got " + v);
      }
      step = v;
      return this;
    }

    public Builder atoms(AtomSelection v) {
      atoms = v;
      return this;
    }

    /** Masses of all atoms of the system (the engine picks the selected ones). */
    public Builder masses(double[] v) {
      masses = v == null ? null : v.clone();
      return this;
    }

    public Builder units(UnitMode v) {
      units = v;
      return this;
    }

    /** Compute threads (default: available processors). */
    public Builder threads(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + v);
      }
      threads = v;
      return this;
    }

    /** I/O threads reading blocks ahead of the compute (default 4). */
    public Builder ioThreads(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("io threads must be >= 1, got " + v);
      }
      ioThreads = v;
      return this;
    }

    /** Reads held at once (default threads + io threads). */
    public Builder inFlight(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("in-flight blocks must be >= 1, got " + v);
      }
      inFlight = v;
      return this;
    }

    /** Storage chunks per read and block (default 0: sized from {@link #blockBytes}). */
    public Builder chunksPerBlock(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("chunks per block must be >= 0, got " + v);
      }
      chunksPerBlock = v;
      return this;
    }

    /** Target decoded bytes per read and per block (default 4 MiB); a read holds at least one whole chunk. */
    public Builder blockBytes(long v) {
      if (v < 1) {
        throw new IllegalArgumentException("block bytes must be >= 1, got " + v);
      }
      blockBytes = v;
      return this;
    }

    /** Decoded bytes the reads held at once may take (default 0: see {@link RunOptions#memoryBytes()}). */
    public Builder memoryBytes(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("memory bytes must be >= 0, got " + v);
      }
      memoryBytes = v;
      return this;
    }

    public Builder progress(ProgressListener v) {
      progress = v == null ? ProgressListener.NONE : v;
      return this;
    }

    public Builder cancellation(Cancellation v) {
      cancellation = v;
      return this;
    }

    /** A counter of bytes read from the store, reported in {@link Progress#bytesRead()}. */
    public Builder bytesRead(LongSupplier v) {
      bytesRead = v;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
