package io.jhdf.dataset.chunked;

import java.util.Map;

/**
 * Reaches jhdf's chunk index, which jhdf 0.13.0 keeps behind the protected {@code
 * ChunkedDatasetBase.getChunkLookup()}. Lives in jhdf's package for that reason only; the jhdf
 * version is pinned and a test compares the index with h5py's {@code get_chunk_info}.
 */
public final class ChunkIndexAccess {
  private ChunkIndexAccess() {}

  /** The chunks of {@code dataset} by chunk offset (addresses relative to the superblock). */
  public static Map<ChunkOffset, Chunk> chunks(ChunkedDatasetBase dataset) {
    return dataset.getChunkLookup();
  }
}
