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

  /**
   * Uncompressed bytes of the chunk as stored: its full shape, except a contiguous dataset's
   * pseudo-chunk, which ends with the dataset.
   */
  public int expectedBytes() {
    long n = dataset.kind().size();
    for (int d = 0; d < shape.length; d++) {
      long s = shape[d];
      if (d == 0 && dataset.contiguous()) {
        s = Math.max(0, Math.min(s, dataset.shape()[0] - origin[0]));
      }
      n *= s;
      if (n > Integer.MAX_VALUE) {
        return Integer.MAX_VALUE;
      }
    }
    return (int) n;
  }
}
