package io.trajstream.analysis.sample;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batches of frames for training a model: over one or many trajectories and an atom selection, every
 * frame once per epoch (per rank), in a seeded random order or in file order.
 *
 * <p>Random order is chunk-aware, so that each storage chunk is fetched once per epoch although
 * frames are visited out of order: the order of the chunks is shuffled (by seed and epoch), the
 * chunks are taken {@link Builder#windowChunks} at a time, and the frames of such a window are
 * shuffled among themselves. Whole chunks are read ahead on a pool of I/O threads, at most {@link
 * Builder#readAheadChunks} chunks (and never fewer than a window) held at once, so memory is bounded
 * by chunks, not by the trajectory. A larger window mixes frames of more chunks at the cost of more
 * memory.
 *
 * <p>For data-parallel training, {@link Builder#rank} splits each epoch's shuffled chunk order among
 * ranks (every {@code worldSize}-th chunk): the ranks' frames are disjoint and together cover every
 * frame, and each rank reads only its own chunks. All ranks must use the same seed.
 *
 * <p>{@link Epoch#poll()} may be called from many threads at once; each batch goes to one caller.
 * The sampler does not own the readers: close them after the sampler.
 */
public final class FrameSampler implements AutoCloseable {
  private final List<TrajectoryReader> sources;
  private final AtomSelection atoms;
  private final int atomCount;
  private final Field field;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final int windowChunks;
  private final int readAheadChunks;
  private final int rank;
  private final int worldSize;
  private final boolean dropLast;
  private final List<SampleUnit> units;
  private final long[] firstIds;
  private final ExecutorService io;
  private final AtomicLong framesRead = new AtomicLong();

  private FrameSampler(Builder b) {
    this.sources = List.copyOf(b.sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a sampler needs at least one trajectory");
    }
    this.atoms = b.atoms;
    int a = sources.get(0).info().atoms();
    for (TrajectoryReader r : sources) {
      if (r.info().atoms() != a) {
        throw new IllegalArgumentException(r.info().location() + " has " + r.info().atoms() + " atoms but "
            + sources.get(0).info().location() + " has " + a + ": sampled trajectories must hold the same atoms");
      }
    }
    this.atomCount = atoms.count(a);
    this.field = b.field;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.windowChunks = b.windowChunks;
    this.readAheadChunks = Math.max(b.readAheadChunks, b.windowChunks);
    this.rank = b.rank;
    this.worldSize = b.worldSize;
    this.dropLast = b.dropLast;
    this.units = SamplePlan.units(sources, field, b.looseFrames);
    this.firstIds = new long[sources.size()];
    long id = 0;
    for (int s = 0; s < sources.size(); s++) {
      firstIds[s] = id;
      id += sources.get(s).info().frames();
    }
    AtomicInteger n = new AtomicInteger();
    this.io = Executors.newFixedThreadPool(b.ioThreads, r -> {
      Thread t = new Thread(r, "trajstream-sampler-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A sampler over {@code sources} (read in this order; frame ids count their frames in turn). */
  public static Builder builder(List<TrajectoryReader> sources) {
    return new Builder(sources);
  }

  /** Frames of all sources. */
  public long totalFrames() {
    long n = 0;
    for (TrajectoryReader r : sources) {
      n += r.info().frames();
    }
    return n;
  }

  /** Atoms per sampled frame (the selection's size). */
  public int atoms() {
    return atomCount;
  }

  /** Storage chunks (units fetched whole) over all sources. */
  public int chunks() {
    return units.size();
  }

  /** Frames this rank gets in {@code epoch} (before {@code dropLast}). */
  public long frames(int epoch) {
    return SamplePlan.of(units, shuffle, seed, epoch, windowChunks, rank, worldSize).frames();
  }

  /** Frames read from the sources so far (all epochs). */
  public long framesRead() {
    return framesRead.get();
  }

  /** The source and frame of a frame id: {@code [source, frame]}. */
  public int[] locate(long id) {
    for (int s = firstIds.length - 1; s >= 0; s--) {
      if (id >= firstIds[s]) {
        long f = id - firstIds[s];
        if (f >= sources.get(s).info().frames()) {
          break;
        }
        return new int[] {s, (int) f};
      }
    }
    throw new IndexOutOfBoundsException("frame id " + id + " of " + totalFrames());
  }

  /** Starts epoch {@code epoch}: its order follows from the seed and the epoch number alone. */
  public Epoch epoch(int epoch) {
    return new Epoch(epoch, SamplePlan.of(units, shuffle, seed, epoch, windowChunks, rank, worldSize));
  }

  /** Stops the read-ahead threads (the readers stay open). */
  @Override
  public void close() {
    io.shutdownNow();
  }

  /**
   * One pass over this rank's frames, in batches. {@link #poll()} is thread-safe; the iterator
   * view is for one consumer. Close it to drop chunks read ahead but not used.
   */
  public final class Epoch implements Iterator<Batch>, Iterable<Batch>, AutoCloseable {
    private final int epoch;
    private final SamplePlan plan;
    private final Map<Integer, CompletableFuture<float[]>> loaded = new HashMap<>();
    private int window;
    private int inWindow;
    private int nextWindowToLoad;
    private int nextUnitInWindowToLoad;
    private int held;
    private int batches;
    private long remaining;

    private Epoch(int epoch, SamplePlan plan) {
      this.epoch = epoch;
      this.plan = plan;
      long n = plan.frames();
      this.remaining = dropLast ? n - n % batchSize : n;
    }

    /** Frames this epoch hands out. */
    public synchronized long frames() {
      return dropLast ? plan.frames() - plan.frames() % batchSize : plan.frames();
    }

    /** The next batch, or null when the epoch is done. */
    public synchronized Batch poll() {
      if (remaining <= 0) {
        release();
        return null;
      }
      int k = (int) Math.min(batchSize, remaining);
      long[] ids = new long[k];
      int width = 3 * atomCount;
      float[] values = new float[k * width];
      for (int i = 0; i < k; i++) {
        while (inWindow >= plan.windows().get(window).frames()) {
          finishWindow();
        }
        loadAhead();
        SamplePlan.Window w = plan.windows().get(window);
        int u = w.unitOfFrame()[inWindow];
        int o = w.offsetOfFrame()[inWindow];
        float[] unitValues = await(u);
        System.arraycopy(unitValues, o * width, values, i * width, width);
        ids[i] = plan.units().get(u).firstId() + o;
        inWindow++;
      }
      remaining -= k;
      if (remaining <= 0) {
        release();
      }
      return new Batch(epoch, batches++, ids, values, atomCount);
    }

    private void finishWindow() {
      for (int u : plan.windows().get(window).units()) {
        loaded.remove(u);
        held--;
      }
      window++;
      inWindow = 0;
    }

    /** Starts reads of whole units, in plan order, while fewer than the read-ahead are held. */
    private void loadAhead() {
      List<SamplePlan.Window> ws = plan.windows();
      while (nextWindowToLoad < ws.size() && held < readAheadChunks) {
        List<Integer> us = ws.get(nextWindowToLoad).units();
        int u = us.get(nextUnitInWindowToLoad);
        loaded.put(u, load(plan.units().get(u)));
        held++;
        if (++nextUnitInWindowToLoad == us.size()) {
          nextWindowToLoad++;
          nextUnitInWindowToLoad = 0;
        }
      }
    }

    private CompletableFuture<float[]> load(SampleUnit unit) {
      TrajectoryReader r = sources.get(unit.source());
      return CompletableFuture.supplyAsync(() -> {
        try {
          FrameBlock b = r.read(unit.range(), atoms, EnumSet.of(field));
          framesRead.addAndGet(unit.size());
          float[] v = b.values(field);
          if (v == null) {
            throw new IllegalStateException(r.info().location() + ": no " + field.key() + " at frames "
                + unit.range());
          }
          return v;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, io);
    }

    private float[] await(int u) {
      CompletableFuture<float[]> f = loaded.get(u);
      try {
        return f.join();
      } catch (CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof UncheckedIOException io) {
          throw io;
        }
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw e;
      }
    }

    private void release() {
      loaded.values().forEach(f -> f.cancel(false));
      loaded.clear();
      held = 0;
    }

    @Override
    public synchronized boolean hasNext() {
      return remaining > 0;
    }

    @Override
    public Batch next() {
      Batch b = poll();
      if (b == null) {
        throw new NoSuchElementException("epoch " + epoch + " is done");
      }
      return b;
    }

    @Override
    public Iterator<Batch> iterator() {
      return this;
    }

    @Override
    public synchronized void close() {
      remaining = 0;
      release();
    }
  }

  /** Options of a {@link FrameSampler}. */
  public static final class Builder {
    private final List<TrajectoryReader> sources;
    private AtomSelection atoms = AtomSelection.all();
    private Field field = Field.POSITION;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private int windowChunks = 4;
    private int readAheadChunks = 8;
    private int rank;
    private int worldSize = 1;
    private boolean dropLast;
    private int ioThreads = 4;
    private int looseFrames = 64;

    private Builder(List<TrajectoryReader> sources) {
      this.sources = sources;
    }

    /** The atoms of each frame (default all). */
    public Builder atoms(AtomSelection v) {
      atoms = v;
      return this;
    }

    /** The per-atom field sampled (default position). */
    public Builder field(Field v) {
      if (v == Field.BOX) {
        throw new IllegalArgumentException("the box is not a per-atom field; sample position, velocity or force");
      }
      field = v;
      return this;
    }

    /** Frames per batch (default 32). */
    public Builder batchSize(int v) {
      batchSize = positive("batch size", v);
      return this;
    }

    /** The seed of the random order; an epoch's order depends on it and the epoch number only. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Random order (default) or file order. */
    public Builder shuffle(boolean v) {
      shuffle = v;
      return this;
    }

    /** Chunks whose frames are shuffled together (default 4). */
    public Builder windowChunks(int v) {
      windowChunks = positive("window", v);
      return this;
    }

    /** Most chunks held at once, read ahead of the consumer (default 8; at least a window). */
    public Builder readAheadChunks(int v) {
      readAheadChunks = positive("read-ahead", v);
      return this;
    }

    /** Threads reading chunks (default 4). */
    public Builder ioThreads(int v) {
      ioThreads = positive("I/O threads", v);
      return this;
    }

    /** This worker's share: rank {@code rank} of {@code worldSize} (default 0 of 1). */
    public Builder rank(int rank, int worldSize) {
      if (worldSize < 1 || rank < 0 || rank >= worldSize) {
        throw new IllegalArgumentException("rank " + rank + " of " + worldSize + ": need 0 <= rank < world size");
      }
      this.rank = rank;
      this.worldSize = worldSize;
      return this;
    }

    /** Whether to leave out a last batch smaller than the batch size (default false). */
    public Builder dropLast(boolean v) {
      dropLast = v;
      return this;
    }

    /** Frames read together where the field has no storage chunks (default 64). */
    public Builder looseFrames(int v) {
      looseFrames = positive("loose frames", v);
      return this;
    }

    private static int positive(String what, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + v);
      }
      return v;
    }

    public FrameSampler build() {
      return new FrameSampler(this);
    }
  }
}
