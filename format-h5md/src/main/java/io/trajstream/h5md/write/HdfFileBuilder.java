package io.trajstream.h5md.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an HDF5 file on local disk: groups, growing chunked datasets and small contiguous ones,
 * with attributes. Chunk data goes to the file as it is produced; {@link #finish} then writes the
 * chunk B-trees, one global heap for the strings, every object header (members before their
 * group), and finally the version 2 superblock at address 0. Until then the file has no valid
 * superblock, so no reader mistakes a half-written file for a trajectory. Not thread-safe.
 */
public final class HdfFileBuilder implements AutoCloseable {
  /** Size of a version 2 superblock with 8-byte addresses and lengths. */
  static final int SUPERBLOCK_SIZE = 48;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private final HdfOutput out;
  private final ChunkEncoder encoder;
  private final HdfGroup root = new HdfGroup("");
  private final List<HdfDataset> datasets = new ArrayList<>();
  private boolean done;

  private HdfFileBuilder(HdfOutput out, int encoderThreads) {
    this.out = out;
    this.encoder = new ChunkEncoder(out, encoderThreads);
  }

  /** Starts a new file at {@code path} (replacing any); chunks are filtered on the caller's thread. */
  public static HdfFileBuilder create(Path path) throws IOException {
    return create(path, 1);
  }

  /**
   * Starts a new file at {@code path} (replacing any), filtering chunks on {@code encoderThreads}
   * threads (1: on the caller's).
   */
  public static HdfFileBuilder create(Path path, int encoderThreads) throws IOException {
    return new HdfFileBuilder(new HdfOutput(path, SUPERBLOCK_SIZE), encoderThreads);
  }

  /** The root group. */
  public HdfGroup root() {
    return root;
  }

  /** The group at {@code path} ({@code a/b/c}), created with its parents when missing. */
  public HdfGroup group(String path) {
    HdfGroup g = root;
    if (path.isEmpty()) {
      return g;
    }
    for (String name : path.split("/")) {
      HdfNode n = g.members().get(name);
      if (n == null) {
        HdfGroup child = new HdfGroup(g.path().isEmpty() ? name : g.path() + "/" + name);
        g.link(name, child);
        g = child;
      } else if (n instanceof HdfGroup cg) {
        g = cg;
      } else {
        throw new IllegalArgumentException("/" + n.path() + " is a dataset, not a group");
      }
    }
    return g;
  }

  private HdfGroup parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? root : group(path.substring(0, slash));
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * A dataset of shape {@code [rows, rowShape...]} that grows by appended rows, chunked as
   * {@code [chunkRows, rowShape...]} with {@code filters}.
   */
  public HdfDataset chunked(String path, HdfType type, long[] rowShape, int chunkRows, HdfFilters filters) {
    HdfDataset d = HdfDataset.chunked(path, type, rowShape, chunkRows, filters, out, encoder);
    parentOf(path).link(leaf(path), d);
    datasets.add(d);
    return d;
  }

  /** A contiguous dataset of shape {@code dims} ({@code []}: scalar) holding {@code data} (little-endian). */
  public HdfDataset contiguous(String path, HdfType type, long[] dims, byte[] data) throws IOException {
    HdfDataset d = HdfDataset.contiguous(path, type, dims, data, out);
    parentOf(path).link(leaf(path), d);
    datasets.add(d);
    return d;
  }

  /** Bytes written to the file so far. */
  public long bytesWritten() {
    return out.end();
  }

  /** Writes the remaining chunks and all metadata; the file is complete and closed afterwards. */
  public void finish() throws IOException {
    if (done) {
      throw new IllegalStateException(out.path() + " is already finished");
    }
    done = true;
    try (out; encoder) {
      for (HdfDataset d : datasets) {
        d.flushLast();
      }
      encoder.drain();
      for (HdfDataset d : datasets) {
        d.writeIndex();
      }
      GlobalHeapWriter heap = new GlobalHeapWriter();
      Map<HdfNode, List<GlobalHeapWriter.HeapRef>> refs = new java.util.IdentityHashMap<>();
      register(root, heap, refs);
      heap.write(out);
      long rootAddress = writeHeaders(root, refs);
      LeBytes sb = new LeBytes().bytes(SIGNATURE).u8(2).u8(8).u8(8).u8(0)
          .u64(0).u64(LeBytes.UNDEFINED).u64(out.end()).u64(rootAddress);
      out.writeAt(0, ByteBuffer.wrap(sb.checksum().toArray()));
      out.force();
    }
  }

  private static void register(HdfNode n, GlobalHeapWriter heap, Map<HdfNode, List<GlobalHeapWriter.HeapRef>> refs) {
    refs.put(n, n.registerStrings(heap));
    if (n instanceof HdfGroup g) {
      for (HdfNode m : g.members().values()) {
        register(m, heap, refs);
      }
    }
  }

  private long writeHeaders(HdfNode n, Map<HdfNode, List<GlobalHeapWriter.HeapRef>> refs) throws IOException {
    byte[] header;
    if (n instanceof HdfGroup g) {
      for (HdfNode m : g.members().values()) {
        writeHeaders(m, refs);
      }
      header = g.header(refs.get(n));
    } else {
      header = ((HdfDataset) n).header(refs.get(n));
    }
    n.address = out.append(header);
    return n.address;
  }

  /** Gives up: closes and deletes the file. */
  public void abort() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try (out) {
      encoder.close();
    } finally {
      Files.deleteIfExists(out.path());
    }
  }

  /** Aborts unless finished. */
  @Override
  public void close() throws IOException {
    abort();
  }
}
