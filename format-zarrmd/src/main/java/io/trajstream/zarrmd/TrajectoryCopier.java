package io.trajstream.zarrmd;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableInfo;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Copies any readable trajectory into a writer block by block (the conversion loop behind {@code
 * trajstream convert}): blocks follow the source's chunking, the next block is read while the
 * current one is written, and a listener hears about progress. Memory holds two blocks. Then the
 * observables the reader describes are copied sample by sample in their own steps (not frame by
 * frame, so that samples at steps that are no frame survive), unless turned off with {@link
 * #observables(boolean)}.
 */
public final class TrajectoryCopier {
  /** Progress of a copy. */
  @FunctionalInterface
  public interface Listener {
    void progress(int framesDone, int framesTotal);
  }

  /** Bytes of observable values per copied piece. */
  static final long OBSERVABLE_BLOCK_BYTES = 16L << 20;

  private final int blockFrames;
  private final Listener listener;
  private boolean observables = true;

  /**
   * @param blockFrames frames per block; 0 chooses whole source chunks (up to four per block, a
   *     block at most about 64 MiB)
   */
  public TrajectoryCopier(int blockFrames, Listener listener) {
    this.blockFrames = blockFrames;
    this.listener = listener == null ? (a, b) -> {} : listener;
  }

  /** Whether observables are copied too (default: yes); returns this copier. */
  public TrajectoryCopier observables(boolean copy) {
    this.observables = copy;
    return this;
  }

  /** Frames per block for {@code info}. */
  int blockFramesFor(TrajectoryInfo info) {
    if (blockFrames > 0) {
      return blockFrames;
    }
    long bytesPerFrame = Math.max(1, 12L * info.atoms() * Math.max(1, info.fields().size()));
    int byMemory = (int) Math.max(1, (64L << 20) / bytesPerFrame);
    Field f = info.has(Field.POSITION) ? Field.POSITION : info.fields().stream().findFirst().orElse(Field.POSITION);
    int chunk = Math.max(1, info.framesPerChunk(f));
    if (chunk > byMemory) {
      return byMemory;
    }
    // Whole source chunks, up to four per block, within the memory budget.
    return chunk * Math.max(1, Math.min(4, byMemory / chunk));
  }

  /**
   * Copies the {@code fields} of {@code reader} (null: all) to {@code writer}; returns frames
   * copied. When reading or writing fails, the writer is aborted (see {@link
   * TrajectoryWriter#abort()}), so a failed copy never publishes a partial trajectory; closing it
   * afterwards does nothing.
   */
  public int copy(TrajectoryReader reader, TrajectoryWriter writer, Set<Field> fields) throws IOException {
    try {
      return copyBlocks(reader, writer, fields);
    } catch (IOException | RuntimeException | Error e) {
      try {
        writer.abort();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private int copyBlocks(TrajectoryReader reader, TrajectoryWriter writer, Set<Field> fields) throws IOException {
    TrajectoryInfo info = reader.info();
    Set<Field> wanted = EnumSet.noneOf(Field.class);
    for (Field f : info.fields()) {
      if (fields == null || fields.contains(f)) {
        wanted.add(f);
      }
    }
    int total = info.frames();
    int step = blockFramesFor(info);
    listener.progress(0, total);
    CompletableFuture<FrameBlock> next = total == 0 ? null : reader.readAsync(FrameRange.of(0, Math.min(total, step)), AtomSelection.all(), wanted);
    int done = 0;
    for (int start = 0; start < total; start += step) {
      FrameBlock block = join(next);
      int nextStart = start + step;
      next = nextStart < total
          ? reader.readAsync(FrameRange.of(nextStart, Math.min(total, nextStart + step)), AtomSelection.all(), wanted)
          : null;
      writer.append(block);
      done += block.frameCount();
      listener.progress(done, total);
    }
    if (observables) {
      copyObservables(reader, writer);
    }
    return done;
  }

  /** Copies every described observable in pieces of about {@link #OBSERVABLE_BLOCK_BYTES}. */
  private static void copyObservables(TrajectoryReader reader, TrajectoryWriter writer) throws IOException {
    for (ObservableInfo o : reader.info().observableInfos()) {
      int n = o.samples();
      int piece = (int) Math.max(1, Math.min(Integer.MAX_VALUE, OBSERVABLE_BLOCK_BYTES / Math.max(1, 8L * o.valuesPerSample())));
      int from = 0;
      do { // at least once, so that an observable without samples is created too
        writer.appendObservable(reader.observableSamples(o.path(), from, Math.min(n, from + piece)));
        from += piece;
      } while (from < n);
    }
  }

  /**
   * Converts {@code src} (any format) to zarrmd at {@code dst}: options as for {@link
   * ZarrmdFormat#create} ({@code fields} also limits what is read).
   */
  public int convert(TrajectoryReader src, Store dst, String dstKey, WriteOptions options) throws IOException {
    TrajectoryFormat zarrmd = new ZarrmdFormat();
    Set<Field> fields = WriterSettings.parse(options).fields();
    try (TrajectoryWriter w = zarrmd.create(dst, dstKey, src.info(), options)) {
      return copy(src, w, fields);
    }
  }

  private static FrameBlock join(CompletableFuture<FrameBlock> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading");
    } catch (ExecutionException e) {
      Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
      if (c instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    }
  }
}
