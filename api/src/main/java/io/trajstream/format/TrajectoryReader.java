package io.trajstream.format;

import io.trajstream.ExtensionPoint;
import io.trajstream.store.IoExecutors;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads frames of one trajectory. Thread-safe and positional: any number of threads may call
 * {@link #read} at once, each read fetching exactly the storage chunks that cover its request.
 */
@ExtensionPoint
public interface TrajectoryReader extends Closeable {
  /** What the trajectory holds. */
  TrajectoryInfo info();

  /**
   * Reads {@code frames} of the {@code atoms} selected, for the {@code fields} asked (those the file
   * lacks are left out of the block). Step and time are always filled.
   */
  FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException;

  /**
   * The storage chunk of {@code field} that holds the field's sample at {@code frame}, numbered in
   * frame order, or -1 when nothing is fetched for it there (the field has no sample at that frame,
   * is absent, or was read whole at open, like a fixed box). Engines cut their reads at chunk
   * boundaries with it, so that each chunk is fetched and decoded once. The default assumes a
   * sample at every frame and {@link TrajectoryInfo#framesPerChunk} frames per chunk; readers whose
   * fields are sampled at different frames override it.
   */
  default long storageChunk(Field field, int frame) {
    Integer perChunk = info().chunkLayout().get(field);
    if (perChunk == null || frame < 0 || frame >= info().frames()) {
      return -1;
    }
    return frame / Math.max(1, perChunk);
  }

  /**
   * {@link #read} on {@code executor}, for prefetching. The read waits for the store requests it
   * issues, so {@code executor} should not be the pool those requests run on (the store's I/O
   * pool, e.g. {@link IoExecutors#shared()}); waits there help run the requests, so it still
   * progresses, but the I/O pool is then busy decoding.
   */
  default CompletableFuture<FrameBlock> readAsync(
      FrameRange frames, AtomSelection atoms, Set<Field> fields, Executor executor) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return read(frames, atoms, fields);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        executor);
  }

  /**
   * {@link #readAsync(FrameRange, AtomSelection, Set, Executor)} on the process-wide reader pool
   * {@link IoExecutors#readers()}, which is not the pool the store requests run on.
   */
  default CompletableFuture<FrameBlock> readAsync(FrameRange frames, AtomSelection atoms, Set<Field> fields) {
    return readAsync(frames, atoms, fields, IoExecutors.readers());
  }

  /**
   * Reads the observable at {@code path} (one of {@link TrajectoryInfo#observableInfos()}) at
   * {@code frames}: a frame whose step has no sample of the observable gets none (see {@link
   * ObservableBlock}). Reads only the storage chunks covering the samples needed.
   *
   * @throws UnsupportedOperationException when the format cannot read observable values (the
   *     default)
   * @throws IllegalArgumentException when the trajectory has no such observable
   */
  default ObservableBlock observable(String path, FrameRange frames) throws IOException {
    throw new UnsupportedOperationException("format " + info().format() + " cannot read observable values");
  }

  /**
   * Reads samples {@code [from, to)} of the observable at {@code path} in its own indexing, with
   * their steps and times, including samples at steps that are no frame of the trajectory (what a
   * copy needs). A time-independent observable has one sample.
   *
   * @throws UnsupportedOperationException when the format cannot read observable values (the
   *     default)
   */
  default ObservableSeries observableSamples(String path, int from, int to) throws IOException {
    throw new UnsupportedOperationException("format " + info().format() + " cannot read observable values");
  }

  @Override
  void close() throws IOException;
}
