package io.trajstream.analysis.engine;

import io.trajstream.analysis.AnalysisContext;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.Units;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link AnalysisContext} of one run: the trajectory, the selected atoms and their masses, and
 * the run's units; reads (and caches) single frames such as an RMSD reference.
 */
public final class EngineContext implements AnalysisContext {
  private final TrajectoryReader reader;
  private final TrajectoryInfo info;
  private final AtomSelection selection;
  private final int[] atoms;
  private final double[] masses;
  private final UnitMode units;
  private final Set<Field> fields;
  private final ConcurrentMap<Integer, CompletableFuture<FrameBlock>> frames = new ConcurrentHashMap<>();
  private volatile FrameSource source;

  /** Where a run finds single frames among the reads it makes anyway. */
  interface FrameSource {
    /** Frame {@code frame} of the selected atoms as read (not converted), or null when the run does not read it. */
    FrameBlock frame(int frame) throws IOException;
  }

  /**
   * @param allMasses masses of all atoms of the system, or null
   * @param fields the fields single frames are read with
   */
  public EngineContext(TrajectoryReader reader, AtomSelection selection, double[] allMasses, UnitMode units,
      Set<Field> fields) {
    this.reader = reader;
    this.info = reader.info();
    this.selection = selection;
    this.atoms = selection.resolve(info.atoms());
    this.units = units;
    this.fields = fields.isEmpty() ? EnumSet.of(Field.POSITION) : EnumSet.copyOf(fields);
    if (allMasses != null) {
      if (allMasses.length != info.atoms()) {
        throw new IllegalArgumentException(allMasses.length + " masses given for a trajectory of "
            + info.atoms() + " atoms");
      }
      masses = new double[atoms.length];
      for (int i = 0; i < atoms.length; i++) {
        masses[i] = allMasses[atoms[i]];
      }
    } else {
      masses = null;
    }
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public int[] atoms() {
    return atoms.clone();
  }

  /** The selection the blocks are read with. */
  public AtomSelection selection() {
    return selection;
  }

  @Override
  public Optional<double[]> masses() {
    return masses == null ? Optional.empty() : Optional.of(masses.clone());
  }

  @Override
  public String lengthUnit() {
    if (units == UnitMode.MD) {
      return Units.Quantity.LENGTH.mdAnalysisUnit();
    }
    String u = info.unit(Field.POSITION);
    return u == null ? "" : u;
  }

  @Override
  public String timeUnit() {
    if (units == UnitMode.MD) {
      return Units.Quantity.TIME.mdAnalysisUnit();
    }
    return info.timeUnit() == null ? "" : info.timeUnit();
  }

  /**
   * {@inheritDoc} Read once per run: while a run is going, a frame it analyses is taken from the
   * run's own read of its chunk (which the run then keeps until its turn), so the chunk is not
   * fetched a second time; other frames are read on their own.
   */
  @Override
  public FrameBlock frame(int frame) throws IOException {
    if (frame < 0 || frame >= info.frames()) {
      throw new IndexOutOfBoundsException("frame " + frame + " requested, trajectory has " + info.frames() + " frames");
    }
    CompletableFuture<FrameBlock> mine = new CompletableFuture<>();
    CompletableFuture<FrameBlock> known = frames.putIfAbsent(frame, mine);
    if (known != null) {
      return await(known);
    }
    try {
      FrameSource s = source;
      FrameBlock raw = s == null ? null : s.frame(frame);
      if (raw == null) {
        raw = reader.read(FrameRange.single(frame), selection, fields);
      }
      FrameBlock b = convert(raw);
      mine.complete(b);
      return b;
    } catch (IOException | RuntimeException | Error e) {
      frames.remove(frame, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static FrameBlock await(CompletableFuture<FrameBlock> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
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
      throw e;
    }
  }

  /** Sets (or with null, clears) where single frames are looked for first. */
  void frameSource(FrameSource s) {
    source = s;
  }

  /** A block as the analysis should see it (converted to the run's units). */
  public FrameBlock convert(FrameBlock block) {
    return units == UnitMode.MD ? Units.toMdAnalysis(block, info) : block;
  }
}
