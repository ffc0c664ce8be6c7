package io.trajstream.h5md.tree;

import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * Reaches jhdf's chunk index, which jhdf 0.13.0 keeps behind the protected {@code
 * ChunkedDatasetBase.getChunkLookup()}, through a method handle: no class of ours lives in jhdf's
 * packages, so the two jars can sit together on the module path (jhdf is an automatic module and
 * opens its packages). The jhdf version is pinned and a test compares the index with h5py's
 * {@code get_chunk_info}.
 */
final class JhdfChunkLookup {
  private static final MethodHandle GET_CHUNK_LOOKUP = find();

  private JhdfChunkLookup() {}

  private static MethodHandle find() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ChunkedDatasetBase.class, MethodHandles.lookup());
      return lookup.findVirtual(ChunkedDatasetBase.class, "getChunkLookup", MethodType.methodType(Map.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new ExceptionInInitializerError("this jhdf version has no reachable ChunkedDatasetBase.getChunkLookup(): " + e);
    }
  }

  /** The chunks of {@code dataset} by chunk offset (addresses relative to the superblock). */
  @SuppressWarnings("unchecked")
  static Map<ChunkOffset, Chunk> chunks(ChunkedDatasetBase dataset) {
    try {
      return (Map<ChunkOffset, Chunk>) GET_CHUNK_LOOKUP.invoke(dataset);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("jhdf's chunk index failed: " + e, e);
    }
  }
}
