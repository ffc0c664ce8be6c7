package io.trajstream.h5md.tree;

import io.trajstream.h5md.io.BlockCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches the nodes of version-1 chunk B-trees (the chunk index of HDF5 files written with the
 * default format, as h5py and MDAnalysis write them) level by level into a {@link BlockCache}:
 * every node of one level, of every tree, in one vectored read. jhdf then walks the trees one node
 * at a time from the cache, so a file whose index nodes lie scattered through it (written frame by
 * frame) costs one round trip per tree level instead of one per node. Only a hint: a node it cannot
 * parse is left for jhdf to read and report.
 */
public final class ChunkBTreePrefetch {
  /** Entries per node HDF5 writes by default for chunk indexes (2K with K = 32). */
  private static final int DEFAULT_ENTRIES = 64;
  /** Deepest tree followed; real trees have a few levels. */
  private static final int MAX_LEVELS = 16;

  private ChunkBTreePrefetch() {}

  /** The root of one dataset's chunk B-tree: its absolute address and the dataset's rank. */
  public record Root(long address, int rank) {}

  /**
   * Fetches all nodes below {@code roots}; {@code sizeOfOffsets} and {@code userBlock} as in the
   * file's superblock.
   */
  public static void prefetch(BlockCache cache, List<Root> roots, int sizeOfOffsets, long userBlock) throws IOException {
    List<Root> level = new ArrayList<>(roots);
    Set<Long> seen = new HashSet<>();
    for (int depth = 0; depth < MAX_LEVELS && !level.isEmpty(); depth++) {
      List<long[]> ranges = new ArrayList<>();
      for (Root r : level) {
        ranges.add(new long[] {r.address(), nodeBytes(r.rank(), DEFAULT_ENTRIES, sizeOfOffsets)});
      }
      cache.prefetchAll(ranges);
      List<Root> next = new ArrayList<>();
      for (Root r : level) {
        if (seen.add(r.address())) {
          children(cache, r, sizeOfOffsets, userBlock, next);
        }
      }
      level = next;
    }
  }

  private static long nodeBytes(int rank, int entries, int sizeOfOffsets) {
    long key = 8 + 8L * (rank + 1);
    return 8 + 2L * sizeOfOffsets + (entries + 1) * key + (long) entries * sizeOfOffsets;
  }

  /** Adds the child nodes of the node at {@code r} (none for a leaf, or when it is not a chunk B-tree node). */
  private static void children(BlockCache cache, Root r, int sizeOfOffsets, long userBlock, List<Root> out) throws IOException {
    int header = 8 + 2 * sizeOfOffsets;
    if (r.address() < 0 || r.address() + header > cache.length()) {
      return;
    }
    byte[] h = new byte[header];
    cache.read(r.address(), h, 0, header);
    ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
    if (h[0] != 'T' || h[1] != 'R' || h[2] != 'E' || h[3] != 'E' || h[4] != 1) {
      return;
    }
    int nodeLevel = h[5] & 0xff;
    int entries = hb.getShort(6) & 0xffff;
    if (nodeLevel == 0 || entries == 0) {
      return;
    }
    long size = nodeBytes(r.rank(), entries, sizeOfOffsets);
    if (r.address() + size > cache.length()) {
      return;
    }
    byte[] node = new byte[(int) size];
    cache.read(r.address(), node, 0, node.length);
    ByteBuffer nb = ByteBuffer.wrap(node).order(ByteOrder.LITTLE_ENDIAN);
    int key = 8 + 8 * (r.rank() + 1);
    for (int i = 0; i < entries; i++) {
      int at = header + (i + 1) * key + i * sizeOfOffsets;
      long child = sizeOfOffsets == 8 ? nb.getLong(at) : nb.getInt(at) & 0xffffffffL;
      out.add(new Root(userBlock + child, r.rank()));
    }
  }
}
