package io.trajstream.h5md.read;

import io.trajstream.h5md.tree.ChunkRef;
import io.trajstream.h5md.tree.H5Dataset;

/**
 * One chunk to fetch and decode: the dataset, where the chunk starts in element coordinates, its
 * (full) shape, where its bytes are (null: never written, all fill value) and what to do with the
 * decoded bytes.
 */
public record ChunkTask(H5Dataset dataset, long[] origin, int[] shape, ChunkRef ref, Sink sink) {
  /**
   * Receives a decoded chunk (null when the chunk was never written). Sinks of one read may run
   * concurrently on different chunks, so each must write only its chunk's part of the output, and
   * must not keep {@code decoded} after returning.
   */
  @FunctionalInterface
  public interface Sink {
    void accept(ChunkTask task, Decoded decoded);
  }

  /** Uncompressed bytes of the chunk as stored (full chunk shape). */
  public int expectedBytes() {
    long n = dataset.kind().size();
    for (int s : shape) {
      n *= s;
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
