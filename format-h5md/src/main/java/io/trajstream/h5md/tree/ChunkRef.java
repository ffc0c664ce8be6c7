package io.trajstream.h5md.tree;

/**
 * Where one stored chunk lives: its absolute byte offset in the file (user block included), its
 * stored size, and the HDF5 filter mask (bit {@code i} set: filter {@code i} was skipped). A chunk
 * may instead carry its bytes inline ({@link #inline} non-null), as small chunks in an index do.
 */
public record ChunkRef(long offset, int size, int filterMask, byte[] inline) {
  public static ChunkRef at(long offset, int size, int filterMask) {
    return new ChunkRef(offset, size, filterMask, null);
  }

  public static ChunkRef inline(byte[] bytes) {
    return new ChunkRef(-1, bytes.length, 0, bytes);
  }

  public boolean isInline() {
    return inline != null;
  }
}
