package io.trajstream.analysis.spark;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ObservableBlock;
import io.trajstream.format.ObservableSeries;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * A part of a chained trajectory on an executor: its metadata as the driver read it, its store
 * opened only when frames of it are read (or {@link #open()} is called). A task thus opens the part
 * its split reads, and another part only for a frame the analysis asks for there (an RMSD
 * reference).
 */
final class DeferredPartReader implements TrajectoryReader {
  private final TrajStream ts;
  private final String url;
  private final StoreConfig config;
  private final ReadOptions readOptions;
  private final TrajectoryInfo info;
  private TrajectoryReader reader;
  private boolean closed;

  DeferredPartReader(TrajStream ts, String url, StoreConfig config, ReadOptions readOptions, TrajectoryInfo info) {
    this.ts = ts;
    this.url = url;
    this.config = config;
    this.readOptions = readOptions;
    this.info = info;
  }

  /** The part's reader, opened on first use. */
  synchronized TrajectoryReader open() throws IOException {
    if (closed) {
      throw new IOException(url + ": part already closed");
    }
    if (reader == null) {
      reader = ts.open(url, config, readOptions);
      if (reader.info().frames() != info.frames() || reader.info().atoms() != info.atoms()) {
        TrajectoryInfo now = reader.info();
        reader.close();
        reader = null;
        throw new IOException(url + ": has " + now.frames() + " frames of " + now.atoms() + " atoms on the executor but "
            + info.frames() + " of " + info.atoms() + " when the driver planned the job (changed while it ran?)");
      }
    }
    return reader;
  }

  /** Whether the part's store has been opened. */
  synchronized boolean isOpen() {
    return reader != null;
  }

  @Override
  public TrajectoryInfo info() {
    return info;
  }

  @Override
  public FrameBlock read(FrameRange frames, AtomSelection atoms, Set<Field> fields) throws IOException {
    return open().read(frames, atoms, fields);
  }

  @Override
  public long storageChunk(Field field, int frame) {
    try {
      return open().storageChunk(field, frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ObservableBlock observable(String path, FrameRange frames) throws IOException {
    return open().observable(path, frames);
  }

  @Override
  public ObservableSeries observableSamples(String path, int from, int to) throws IOException {
    return open().observableSamples(path, from, to);
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (reader != null) {
      TrajectoryReader r = reader;
      reader = null;
      r.close();
    }
  }
}
