package io.trajstream.analysis.timeseries;

import io.trajstream.analysis.engine.UnitMode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lazy frames × atoms × 3 view of one per-atom field (positions, velocities or forces) of the
 * selected atoms, like MDAnalysis's {@code timeseries()} but without loading the trajectory: the
 * blocks it reads are aligned to the storage chunks and fetched on first access, and the most
 * recently used few are kept. Thread-safe.
 */
public final class Timeseries {
  private final TrajectoryReader reader;
  private final AtomSelection selection;
  private final Field field;
  private final UnitMode units;
  private final int frames;
  private final int atoms;
  private final int[] atomIndices;
  private final int framesPerBlock;
  private final int cachedBlocks;
  private final Map<Integer, FrameBlock> cache;
  private long blocksRead;

  private Timeseries(TrajectoryReader reader, AtomSelection selection, Field field, UnitMode units, int cachedBlocks) {
    if (!field.perAtom()) {
      throw new IllegalArgumentException("a timeseries holds a per-atom field (position, velocity, force), not " + field.key());
    }
    if (!reader.info().has(field)) {
      throw new IllegalArgumentException(reader.info().location() + " has no " + field.key());
    }
    if (cachedBlocks < 1) {
      throw new IllegalArgumentException("cached blocks must be >= 1, got " + cachedBlocks);
    }
    this.reader = reader;
    this.selection = selection;
    this.field = field;
    this.units = units;
    this.frames = reader.info().frames();
    this.atomIndices = selection.resolve(reader.info().atoms());
    this.atoms = atomIndices.length;
    this.framesPerBlock = Math.max(1, reader.info().framesPerChunk(field));
    this.cachedBlocks = cachedBlocks;
    this.cache = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The field of the selected atoms in the file's units, keeping 4 chunk-aligned blocks. */
  public static Timeseries timeseries(TrajectoryReader reader, AtomSelection selection, Field field) {
    return new Timeseries(reader, selection, field, UnitMode.NATIVE, 4);
  }

  /** As {@link #timeseries(TrajectoryReader, AtomSelection, Field)}, in {@code units}, keeping {@code cachedBlocks} blocks. */
  public static Timeseries timeseries(TrajectoryReader reader, AtomSelection selection, Field field, UnitMode units,
      int cachedBlocks) {
    return new Timeseries(reader, selection, field, units, cachedBlocks);
  }

  /** The shape: {frames, atoms, 3}. */
  public int[] shape() {
    return new int[] {frames, atoms, 3};
  }

  public int frames() {
    return frames;
  }

  public int atoms() {
    return atoms;
  }

  /** The trajectory atom index of the {@code atom}-th selected atom. */
  public int atomIndex(int atom) {
    return atomIndices[atom];
  }

  public Field field() {
    return field;
  }

  /** Frames per fetched block (the storage chunk length of the field). */
  public int framesPerBlock() {
    return framesPerBlock;
  }

  /** Blocks fetched from the reader so far. */
  public synchronized long blocksRead() {
    return blocksRead;
  }

  /** Component {@code dim} (0..2) of {@code atom} (index into the selection) at {@code frame}; NaN where absent. */
  public float get(int frame, int atom, int dim) {
    check(frame, atom);
    if (dim < 0 || dim > 2) {
      throw new IndexOutOfBoundsException("dimension " + dim + " (expected 0, 1 or 2)");
    }
    FrameBlock b = block(frame / framesPerBlock);
    return b.values(field)[b.frameOffset(frame % framesPerBlock) + atom * 3 + dim];
  }

  /** All selected atoms at {@code frame}: {@code atoms × 3} values. */
  public float[] frame(int frame) {
    check(frame, 0);
    FrameBlock b = block(frame / framesPerBlock);
    int off = b.frameOffset(frame % framesPerBlock);
    float[] out = new float[atoms * 3];
    System.arraycopy(b.values(field), off, out, 0, out.length);
    return out;
  }

  /** One selected atom over frames {@code [start, stop)}: {@code (stop-start) × 3} values. */
  public float[] atom(int atom, int start, int stop) {
    check(start, atom);
    if (stop < start || stop > frames) {
      throw new IndexOutOfBoundsException("frames [" + start + ", " + stop + ") of " + frames);
    }
    float[] out = new float[(stop - start) * 3];
    int f = start;
    while (f < stop) {
      int blockIndex = f / framesPerBlock;
      FrameBlock b = block(blockIndex);
      int end = Math.min(stop, (blockIndex + 1) * framesPerBlock);
      for (; f < end; f++) {
        System.arraycopy(b.values(field), b.frameOffset(f % framesPerBlock) + atom * 3, out, (f - start) * 3, 3);
      }
    }
    return out;
  }

  /** Frames {@code [start, stop)} of every selected atom: {@code (stop-start) × atoms × 3} values. */
  public float[] slice(int start, int stop) {
    if (start < 0 || stop < start || stop > frames) {
      throw new IndexOutOfBoundsException("frames [" + start + ", " + stop + ") of " + frames);
    }
    float[] out = new float[(stop - start) * atoms * 3];
    for (int f = start; f < stop; f++) {
      System.arraycopy(frame(f), 0, out, (f - start) * atoms * 3, atoms * 3);
    }
    return out;
  }

  private void check(int frame, int atom) {
    if (frame < 0 || frame >= frames) {
      throw new IndexOutOfBoundsException("frame " + frame + " of " + frames);
    }
    if (atom < 0 || atom >= atoms) {
      throw new IndexOutOfBoundsException("atom " + atom + " of " + atoms + " selected");
    }
  }

  private synchronized FrameBlock block(int index) {
    FrameBlock b = cache.get(index);
    if (b != null) {
      return b;
    }
    int start = index * framesPerBlock;
    FrameRange range = FrameRange.of(start, Math.min(frames, start + framesPerBlock));
    try {
      b = reader.read(range, selection, EnumSet.of(field));
    } catch (IOException e) {
      throw new UncheckedIOException("reading frames " + range + " of " + reader.info().location(), e);
    }
    if (b.values(field) == null) {
      throw new IllegalStateException(reader.info().location() + ": frames " + range + " have no " + field.key());
    }
    if (units == UnitMode.MD) {
      b = Units.toMdAnalysis(b, reader.info());
    }
    blocksRead++;
    cache.put(index, b);
    if (cache.size() > cachedBlocks) {
      Integer eldest = cache.keySet().iterator().next();
      cache.remove(eldest);
    }
    return b;
  }
}
