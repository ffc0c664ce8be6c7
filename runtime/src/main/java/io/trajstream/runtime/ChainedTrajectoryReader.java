package io.trajstream.runtime;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TimeSeries;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Several trajectories read as one, as MDAnalysis's ChainReader: the parts' frames one after the
 * other ({@code continuous=false}), or joined by time so that it increases, the later part winning
 * where parts overlap ({@code continuous=true}, see {@link PartIndex}). Parts may differ in format and
 * store but must hold the same atoms, and the same unit per field. Thread-safe as its parts are;
 * closing it closes every part. Its {@link TrajectoryInfo} lists the parts ({@link
 * TrajectoryInfo#partStarts()}); storage chunks of different parts never share an id, so engines
 * never join them.
 */
public final class ChainedTrajectoryReader implements TrajectoryReader {
  /** Chunk ids of part {@code p} are {@code p << PART_SHIFT | chunk}. */
  private static final int PART_SHIFT = 40;

  private final List<TrajectoryReader> parts;
  private final List<String> names;
  private final PartIndex index;
  private final TrajectoryInfo info;

  /**
   * Chains {@code parts} (opened readers, owned from now on) named {@code names} (their URLs, for
   * messages and {@code info}).
   *
   * @throws FormatException when atom counts or units differ between parts (naming both)
   */
  public ChainedTrajectoryReader(List<TrajectoryReader> parts, List<String> names, boolean continuous)
      throws FormatException {
    if (parts.isEmpty() || parts.size() != names.size()) {
      throw new IllegalArgumentException("a chain needs one name per part and at least one part");
    }
    this.parts = List.copyOf(parts);
    this.names = List.copyOf(names);
    TrajectoryInfo first = parts.get(0).info();
    for (int p = 1; p < parts.size(); p++) {
      TrajectoryInfo other = parts.get(p).info();
      if (other.atoms() != first.atoms()) {
        throw new FormatException(names.get(p), null, "has " + other.atoms() + " atoms but "
            + names.get(0) + " has " + first.atoms() + ": parts of one trajectory must hold the same atoms");
      }
      for (Field f : other.fields()) {
        if (first.has(f) && !Objects.equals(first.unit(f), other.unit(f))) {
          throw new FormatException(names.get(p), f.key(), "is in " + other.unit(f) + " but in "
              + first.unit(f) + " in " + names.get(0) + ": parts must use the same units");
        }
      }
      if (first.hasTime() && other.hasTime() && !Objects.equals(first.timeUnit(), other.timeUnit())) {
        throw new FormatException(names.get(p), "time", "is in " + other.timeUnit() + " but in "
            + first.timeUnit() + " in " + names.get(0) + ": parts must use the same units");
      }
    }
    int[] frames = new int[parts.size()];
    List<IntToDoubleFunction> times = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      TrajectoryInfo i = parts.get(p).info();
      frames[p] = i.frames();
      times.add(i::time);
    }
    try {
      this.index = continuous ? PartIndex.continuous(frames, times, this.names) : PartIndex.concatenated(frames);
    } catch (IllegalArgumentException e) {
      throw new FormatException(String.join(", ", names), "time", e.getMessage());
    }
    this.info = buildInfo(first);
  }

  private TrajectoryInfo buildInfo(TrajectoryInfo first) {
    int n = index.frames();
    long[] steps = new long[n];
    double[] times = new double[n];
    boolean allTimes = true;
    Set<String> formats = new LinkedHashSet<>();
    List<String> partNames = new ArrayList<>();
    int[] starts = new int[Math.max(1, index.segments().size())];
    int s = 0;
    for (PartIndex.Segment seg : index.segments()) {
      TrajectoryInfo pi = parts.get(seg.part()).info();
      formats.add(pi.format());
      allTimes &= pi.hasTime();
      for (int f = seg.from(); f < seg.to(); f++) {
        steps[seg.chainStart() + f - seg.from()] = pi.step(f);
        times[seg.chainStart() + f - seg.from()] = pi.time(f);
      }
      starts[s++] = seg.chainStart();
      partNames.add(names.get(seg.part()));
    }
    if (partNames.isEmpty()) {
      partNames.add(names.get(0));
    }
    TrajectoryInfo.Builder b = TrajectoryInfo.builder(String.join("+", formats.isEmpty()
            ? Set.of(first.format()) : formats), first.atoms(), StepSeries.of(steps))
        .location(partNames.get(0) + (partNames.size() > 1 ? " (+" + (partNames.size() - 1) + " more parts)" : ""))
        .timeSeries(allTimes ? TimeSeries.of(times) : null)
        .timeUnit(first.timeUnit())
        .boundary(first.boundary())
        .particleGroup(first.particleGroup())
        .author(first.author())
        .creator(first.creator())
        .parts(starts, partNames);
    for (TrajectoryReader r : parts) {
      for (Field f : r.info().fields()) {
        b.field(f, r.info().unit(f));
      }
    }
    for (Map.Entry<Field, Integer> e : first.chunkLayout().entrySet()) {
      b.chunking(e.getKey(), e.getValue(), first.compression().get(e.getKey()));
    }
    for (Map.Entry<String, String> e : first.attributes().entrySet()) {
      b.attribute(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /** How the chain maps onto its parts. */
  public PartIndex partIndex() {
    return index;
  }

  /** The part readers, in the order given. */
  public List<TrajectoryReader> parts() {
    return parts;
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public long storageChunk(Field field, int frame) {
    if (frame < 0 || frame >= index.frames()) {
      return -1;
    }
    PartIndex.Segment seg = index.segments().get(index.segmentOf(frame));
    long c = parts.get(seg.part()).storageChunk(field, frame - seg.chainStart() + seg.from());
    return c < 0 ? -1 : ((long) seg.part() << PART_SHIFT) | c;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    frames.checkWithin(index.frames());
    List<FrameBlock> pieces = new ArrayList<>();
    int i = 0;
    int n = frames.size();
    while (i < n) {
      int segIdx = index.segmentOf(frames.frame(i));
      PartIndex.Segment seg = index.segments().get(segIdx);
      int j = i;
      while (j < n && frames.frame(j) < seg.chainStart() + seg.size()) {
        j++;
      }
      int localStart = frames.frame(i) - seg.chainStart() + seg.from();
      int localLast = frames.frame(j - 1) - seg.chainStart() + seg.from();
      FrameBlock part = readPart(seg, new FrameRange(localStart, localLast + 1, frames.step()), atoms, fields);
      pieces.add(relabel(part, frames, i, seg));
      i = j;
    }
    if (pieces.isEmpty()) {
      return parts.get(0).read(frames, atoms, fields);
    }
    return FrameBlock.concat(pieces);
  }

  private FrameBlock readPart(PartIndex.Segment seg, FrameRange local, AtomSelection atoms, Set<Field> fields)
      throws IOException {
    try {
      return parts.get(seg.part()).read(local, atoms, fields);
    } catch (IOException | RuntimeException e) {
      String where = names.get(seg.part());
      if (e.getMessage() != null && e.getMessage().contains(where)) {
        throw e;
      }
      throw new IOException(where + ": reading frames " + local + " of this part failed: " + e.getMessage(), e);
    }
  }

  /** {@code block} with chain frame numbers: position {@code first} onwards of {@code frames}. */
  private static FrameBlock relabel(FrameBlock block, FrameRange frames, int first, PartIndex.Segment seg) {
    int n = block.frameCount();
    int[] chainFrames = new int[n];
    boolean same = true;
    for (int k = 0; k < n; k++) {
      chainFrames[k] = frames.frame(first + k);
      same &= chainFrames[k] == block.frame(k);
    }
    if (same) {
      return block;
    }
    FrameBlock.Builder b = FrameBlock.builder(chainFrames, block.atoms());
    for (int k = 0; k < n; k++) {
      b.step(k, block.step(k)).time(k, block.time(k));
    }
    for (Field f : block.fields()) {
      float[] v = block.values(f);
      int w = f.valuesPerFrame(block.atomCount());
      b.declare(f);
      for (int k = 0; k < n; k++) {
        if (block.has(f, k)) {
          b.set(f, k, v, k * w);
        }
      }
    }
    return b.build();
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (TrajectoryReader r : parts) {
      try {
        r.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
