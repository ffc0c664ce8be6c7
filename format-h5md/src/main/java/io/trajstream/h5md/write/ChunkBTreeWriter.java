package io.trajstream.h5md.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the version 1 B-tree (node type 1, {@code TREE}) that indexes a chunked dataset's chunks,
 * as the data layout message version 3 refers to it. Datasets here are chunked along their first
 * dimension only, so a chunk's key is its first row plus zeros. Nodes hold up to 64 entries (HDF5's
 * default K of 32 for chunk B-trees) and are written at full size, because readers fetch whole nodes.
 */
final class ChunkBTreeWriter {
  /** Entries per node: 2K with K = 32. */
  static final int NODE_ENTRIES = 64;

  /** One stored chunk: its first row, address, stored size and filter mask. */
  record Chunk(long firstRow, long address, long storedSize, int filterMask) {}

  /** A key and the address it points at (a chunk, or a node below). */
  private record Entry(long firstRow, long storedSize, int filterMask, long address) {}

  private final int dims;
  private final int chunkRows;

  /**
   * @param dims the dataset's rank plus one (the layout's extra dimension of the element)
   * @param chunkRows rows per chunk along the first dimension
   */
  ChunkBTreeWriter(int dims, int chunkRows) {
    this.dims = dims;
    this.chunkRows = chunkRows;
  }

  private int keySize() {
    return 8 + 8 * dims;
  }

  /** Bytes of one node. */
  int nodeSize() {
    return 24 + NODE_ENTRIES * 8 + (NODE_ENTRIES + 1) * keySize();
  }

  /** Writes the tree over {@code chunks} (in row order); returns the root's address, undefined when empty. */
  long write(HdfOutput out, List<Chunk> chunks) throws IOException {
    if (chunks.isEmpty()) {
      return LeBytes.UNDEFINED;
    }
    List<Entry> level = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      if (c.storedSize() > 0xffffffffL) {
        throw new IllegalArgumentException("a chunk of " + c.storedSize() + " bytes is larger than HDF5's 4 GiB limit");
      }
      level.add(new Entry(c.firstRow(), c.storedSize(), c.filterMask(), c.address()));
    }
    long end = chunks.get(chunks.size() - 1).firstRow() + chunkRows;
    int depth = 0;
    while (true) {
      List<Entry> up = new ArrayList<>();
      for (int from = 0; from < level.size(); from += NODE_ENTRIES) {
        List<Entry> node = level.subList(from, Math.min(level.size(), from + NODE_ENTRIES));
        long rightRow = from + NODE_ENTRIES < level.size() ? level.get(from + NODE_ENTRIES).firstRow() : end;
        long at = out.append(node(depth, node, rightRow));
        Entry first = node.get(0);
        up.add(new Entry(first.firstRow(), first.storedSize(), first.filterMask(), at));
      }
      if (up.size() == 1) {
        return up.get(0).address();
      }
      level = up;
      depth++;
    }
  }

  private byte[] node(int depth, List<Entry> entries, long rightRow) {
    LeBytes b = new LeBytes().ascii("TREE").u8(1).u8(depth).u16(entries.size())
        .u64(LeBytes.UNDEFINED).u64(LeBytes.UNDEFINED);
    for (Entry e : entries) {
      key(b, e.storedSize(), e.filterMask(), e.firstRow());
      b.u64(e.address());
    }
    key(b, 0, 0, rightRow);
    b.zeros(nodeSize() - b.size());
    return b.toArray();
  }

  private void key(LeBytes b, long size, int mask, long firstRow) {
    b.u32(size).u32(mask & 0xffffffffL).u64(firstRow);
    for (int d = 1; d < dims; d++) {
      b.u64(0);
    }
  }
}
