package io.trajstream.h5md;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.BoxGeometry;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.codec.Filters;
import io.trajstream.h5md.read.ChunkDecoder;
import io.trajstream.h5md.read.ChunkFetcher;
import io.trajstream.h5md.read.ChunkTask;
import io.trajstream.h5md.read.DecodeWorkers;
import io.trajstream.h5md.read.MemoryBudget;
import io.trajstream.h5md.read.Slabs;
import io.trajstream.h5md.tree.FilterSpec;
import io.trajstream.h5md.tree.H5Dataset;
import io.trajstream.h5md.tree.H5Group;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads an H5MD trajectory: frames are the union of the steps of position, velocity, force and
 * box; a field without a sample at a frame's step is absent there. Data chunks are fetched with
 * vectored reads and decoded here. Thread-safe: {@link #read} keeps no state between calls.
 */
public final class H5mdReader implements TrajectoryReader {
  private static final Field[] ORDER = {Field.POSITION, Field.VELOCITY, Field.FORCE, Field.BOX};

  private final StoreInput input;
  private final H5mdStructure structure;
  private final Slabs slabs;
  private final ChunkFetcher fetcher;
  private final DecodeWorkers workers;
  private final TrajectoryInfo info;
  private final int atoms;
  private final ElementClock clock;
  private final FrameAxis axis;
  private final float[] fixedBox;
  private final H5mdObservables observables;

  /** Fetches metadata ahead, e.g. the nodes of the chunk indexes. */
  @FunctionalInterface
  interface Prefetch {
    Prefetch NONE = () -> { };

    void run() throws IOException;
  }

  /**
   * A reader of the H5MD tree {@code root} whose data lie in {@code input}. {@code chunkIndexes}
   * fetches the chunk indexes' nodes; it runs while the step and time datasets are read, so that
   * both share their round trips.
   */
  H5mdReader(StoreInput input, H5Group root, String location, ReadOptions options, Map<String, String> facts,
      Prefetch chunkIndexes) throws IOException {
    this.input = input;
    this.structure = H5mdStructure.parse(root, location, options);
    this.slabs = new Slabs(location, options.getBytes("pseudo-chunk-bytes", 8L << 20));
    ChunkDecoder decoder = new ChunkDecoder(location);
    this.workers = new DecodeWorkers("h5md-decode", decodeThreads(options), options.getBytes("decode-parallel-min", 512 << 10));
    this.fetcher = new ChunkFetcher(input, decoder, options.vectoredReads(), workers);

    Map<Field, H5mdElement> els = structure.elements();
    for (H5mdElement e : els.values()) {
      decoder.checkSupported(e.value);
    }
    // atoms
    int n = -1;
    for (H5mdElement e : els.values()) {
      if (e.field.perAtom()) {
        int a = (int) e.value.shape()[1];
        if (n >= 0 && a != n) {
          throw new FormatException(location, e.value.path(), "has " + a + " atoms, other elements have " + n);
        }
        n = a;
      }
    }
    this.atoms = Math.max(0, n);

    // all chunk indexes now, so that reads need no more metadata: fetched on a thread of their own
    // while step, time and fixed box datasets are read here in one batch (hard links read once)
    FutureTask<Void> indexes = new FutureTask<>(() -> {
      chunkIndexes.run();
      for (H5mdElement e : els.values()) {
        e.value.chunks();
      }
      return null;
    });
    Thread indexThread = new Thread(indexes, "h5md-chunk-index");
    indexThread.setDaemon(true);
    indexThread.start();
    this.clock = new ElementClock(location, slabs, fetcher, decoder);
    List<H5Dataset> extra = structure.fixedEdges == null ? List.of() : List.of(structure.fixedEdges);
    Map<Long, double[]> small;
    try {
      small = clock.load(els.values(), extra);
    } finally {
      awaitUninterruptibly(indexes);
    }
    join(indexes);
    if (structure.fixedEdges != null) {
      double[] v = small.get(structure.fixedEdges.objectId());
      fixedBox = v.length == 9 ? BoxGeometry.fromVectors(v, 0) : BoxGeometry.fromEdges(v[0], v[1], v[2]);
    } else {
      fixedBox = null;
    }
    // frames: the union of the steps
    this.axis = FrameAxis.of(location, els, ORDER);
    this.observables = new H5mdObservables(location, structure.observableElements, slabs, fetcher, decoder, clock);
    this.info = buildInfo(location, facts);
  }

  private static void awaitUninterruptibly(FutureTask<Void> task) {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the task reads into this reader's datasets: let it finish
      } catch (ExecutionException e) {
        break; // reported by join
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(FutureTask<Void> task) throws IOException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while loading chunk indexes");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }

  private TrajectoryInfo buildInfo(String location, Map<String, String> facts) {
    Map<Field, H5mdElement> els = structure.elements();
    TrajectoryInfo.Builder b = TrajectoryInfo.builder("h5md", atoms, axis.steps()).location(location).timeSeries(axis.times());
    String timeUnit = null;
    for (Field f : ORDER) {
      H5mdElement e = els.get(f);
      if (e != null && timeUnit == null && e.timeUnit != null) {
        timeUnit = e.timeUnit;
      }
    }
    b.timeUnit(timeUnit);
    String lengthUnit = els.containsKey(Field.POSITION) ? els.get(Field.POSITION).unit : null;
    for (Field f : ORDER) {
      H5mdElement e = els.get(f);
      if (e != null) {
        String unit = f == Field.BOX ? (structure.boxUnit != null ? structure.boxUnit : lengthUnit) : e.unit;
        b.field(f, unit);
        b.chunking(f, slabs.rowsPerChunk(e.value), compression(e.value));
      }
    }
    if (structure.fixedEdges != null) {
      b.field(Field.BOX, structure.boxUnit != null ? structure.boxUnit : lengthUnit);
      b.chunking(Field.BOX, Math.max(1, axis.frames()), "none");
    }
    b.boundary(structure.boundary).particleGroup(structure.particleGroup).author(structure.author).creator(structure.creator);
    structure.observables.forEach(b::observable);
    observables.infos().forEach(b::observable);
    if (structure.version != null) {
      b.attribute("h5md.version", structure.version);
    }
    if (structure.creatorVersion != null) {
      b.attribute("creator.version", structure.creatorVersion);
    }
    facts.forEach(b::attribute);
    return b.build();
  }

  /** A short description of a dataset's filters, e.g. {@code gzip(4)+shuffle}. */
  static String compression(H5Dataset d) {
    if (d.contiguous()) {
      return "none (contiguous)";
    }
    if (d.filters().isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (FilterSpec f : d.filters()) {
      if (sb.length() > 0) {
        sb.append('+');
      }
      sb.append(Filters.name(f.id()));
      int[] cd = f.clientData();
      if (f.id() == Filters.DEFLATE && cd.length > 0) {
        sb.append('(').append(cd[0]).append(')');
      }
    }
    return sb.toString();
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange range, AtomSelection selection, Set<Field> fields) throws IOException {
    range.checkWithin(axis.frames());
    int[] frames = range.toArray();
    int[] sel = selection.resolve(atoms);
    long perAtomFields = fields.stream().filter(f -> f.perAtom() && structure.elements().containsKey(f)).count();
    MemoryBudget.check(structure.location, null, MemoryBudget.product(frames.length, sel.length, 12, perAtomFields),
        "reading " + frames.length + " frames of " + sel.length + " atoms");
    FrameBlock.Builder b = FrameBlock.builder(frames, sel);
    for (int i = 0; i < frames.length; i++) {
      b.step(i, axis.steps().step(frames[i]));
      if (axis.times() != null) {
        b.time(i, axis.times().time(frames[i]));
      }
    }
    List<ChunkTask> tasks = new ArrayList<>();
    float[] boxRaw = null;
    int[] boxRows = null;
    for (Field f : ORDER) {
      if (!fields.contains(f)) {
        continue;
      }
      if (f == Field.BOX && fixedBox != null) {
        for (int i = 0; i < frames.length; i++) {
          b.set(Field.BOX, i, fixedBox, 0);
        }
        continue;
      }
      H5mdElement e = structure.elements().get(f);
      if (e == null) {
        continue;
      }
      int[] rowAt = new int[frames.length];
      int count = 0;
      for (int i = 0; i < frames.length; i++) {
        rowAt[i] = axis.row(e, frames[i]);
        if (rowAt[i] >= 0) {
          count++;
        }
      }
      int[] rows = new int[count];
      int[] outRow = new int[count];
      int k = 0;
      for (int i = 0; i < frames.length; i++) {
        int r = rowAt[i];
        if (r >= 0) {
          rows[k] = r;
          outRow[k++] = i;
        }
      }
      if (count == 0) {
        b.declare(f);
        continue;
      }
      if (f.perAtom()) {
        float[] dst;
        if (count == frames.length) {
          // a sample at every frame: every value is decoded into the array, no NaN fill needed
          dst = b.arrayForAllFrames(f);
        } else {
          dst = b.array(f);
          for (int r : outRow) {
            b.markPresent(f, r);
          }
        }
        tasks.addAll(slabs.rows(e.value, rows, outRow, selection.isAll() ? null : sel, dst));
      } else {
        int per = e.value.rank() == 3 ? 9 : 3;
        boxRaw = new float[frames.length * per];
        boxRows = outRow;
        tasks.addAll(slabs.rows(e.value, rows, outRow, null, boxRaw));
      }
    }
    fetcher.run(tasks);
    if (boxRaw != null) {
      int per = boxRaw.length / frames.length;
      double[] m = new double[9];
      for (int i : boxRows) {
        float[] box;
        if (per == 9) {
          for (int j = 0; j < 9; j++) {
            m[j] = boxRaw[i * 9 + j];
          }
          box = BoxGeometry.fromVectors(m, 0);
        } else {
          box = BoxGeometry.fromEdges(boxRaw[i * 3], boxRaw[i * 3 + 1], boxRaw[i * 3 + 2]);
        }
        b.set(Field.BOX, i, box, 0);
      }
    }
    return b.build();
  }

  /**
   * The chunk of the field's value dataset holding its row at {@code frame} (rows follow the field's
   * own steps); -1 where the field has no row, and for a fixed box (read at open).
   */
  @Override
  public long storageChunk(Field field, int frame) {
    H5mdElement e = structure.elements().get(field);
    if (e == null || frame < 0 || frame >= axis.frames() || (field == Field.BOX && fixedBox != null)) {
      return -1;
    }
    int row = axis.row(e, frame);
    return row < 0 ? -1 : row / Math.max(1, slabs.rowsPerChunk(e.value));
  }

  @Override
  public ObservableBlock observable(String path, FrameRange range) throws IOException {
    range.checkWithin(axis.frames());
    int[] frames = range.toArray();
    long[] frameSteps = new long[frames.length];
    for (int i = 0; i < frames.length; i++) {
      frameSteps[i] = axis.steps().step(frames[i]);
    }
    return observables.atFrames(path, frames, frameSteps);
  }

  @Override
  public ObservableSeries observableSamples(String path, int from, int to) throws IOException {
    return observables.samples(path, from, to);
  }

  /**
   * Option {@code decode-threads}: threads that decode the chunks of one large read in parallel,
   * the caller's included; default the number of processors, at most 8. Option {@code
   * decode-parallel-min}: decoded bytes from which a read is decoded by several threads (default 512KiB).
   */
  static int decodeThreads(ReadOptions options) {
    int n = options.getInt("decode-threads", Math.min(8, Runtime.getRuntime().availableProcessors()));
    if (n < 1) {
      throw new IllegalArgumentException("option decode-threads=" + n + " must be at least 1");
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    workers.close();
    input.close();
  }

  @Override
  public String toString() {
    return "H5mdReader[" + info + "]";
  }
}
