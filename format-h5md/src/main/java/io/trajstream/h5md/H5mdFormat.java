package io.trajstream.h5md;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.trajstream.format.FormatException;
import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.TrajectoryWriter;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.write.H5mdWriteSettings;
import io.trajstream.h5md.write.H5mdWriter;
import io.trajstream.h5md.index.KerchunkIndex;
import io.trajstream.h5md.io.BlockCache;
import io.trajstream.h5md.io.HeadCachedInput;
import io.trajstream.h5md.io.StoreFileChannel;
import io.trajstream.h5md.tree.ChunkBTreePrefetch;
import io.trajstream.h5md.tree.H5Group;
import io.trajstream.h5md.tree.JhdfFailures;
import io.trajstream.h5md.tree.JhdfTreeLoader;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The H5MD format ({@code h5md}): HDF5 files laid out as H5MD 1.1. Opens through a kerchunk-style
 * byte-range index when one is given (option {@code index}) or lies beside the file ({@code
 * KEY.refs.json}); otherwise reads the HDF5 metadata with jhdf over a block cache. An index that
 * no longer matches its file (another length, or another version where the store gives one) is
 * ignored with a warning on stderr. The index and the file's length are fetched together, so
 * opening through an index costs one round trip.
 *
 * <p>Read options: {@code group} (particle group), {@code index} (the index: a key, or a URL or
 * absolute path inside the trajectory's store; {@code none} disables the lookup beside the file), {@code cache.bytes} (metadata cache, default 64 MiB),
 * {@code cache.block} (block size, default 64 KiB), {@code cache.head} (bytes fetched first in one
 * request and kept for the reader's life, default 1 MiB), {@code pseudo-chunk-bytes} (contiguous data split, default 8 MiB), {@code
 * coalesce-gap} and {@code coalesce-max} (vectored read merging), {@code decode-threads} (threads
 * that decode the chunks of one read in parallel, the caller's included; default the number of
 * processors, at most 8) and {@code decode-parallel-min} (decoded bytes from which a read uses
 * them, default 512 KiB).
 */
public final class H5mdFormat implements TrajectoryFormat {
  /** The 8-byte HDF5 signature. */
  static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  /** Suffix of an index beside its file. */
  public static final String INDEX_SUFFIX = ".refs.json";

  @Override
  public String name() {
    return "h5md";
  }

  @Override
  public Set<String> extensions() {
    return Set.of(".h5md", ".h5", ".hdf5");
  }

  @Override
  public Optional<Probe> probe(Store store, String key) throws IOException {
    try (StoreInput in = store.newInput(key)) {
      long at = signatureOffset(in);
      return at < 0 ? Optional.empty() : Optional.of(new Probe(name(), "HDF5 signature at " + at));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Where the HDF5 signature is (0, 512, 1024, 2048, …), or -1. */
  static long signatureOffset(StoreInput in) throws IOException {
    long len = in.length();
    byte[] buf = new byte[8];
    for (long at = 0; at + 8 <= len; at = at == 0 ? 512 : at * 2) {
      in.readFully(at, buf, 0, 8);
      if (java.util.Arrays.equals(buf, SIGNATURE)) {
        return at;
      }
    }
    return -1;
  }

  /** H5MD files are written by {@link H5mdWriter} (a new file each time; no append). */
  @Override
  public boolean canWrite() {
    return true;
  }

  /**
   * Writes an H5MD 1.1 file at {@code key} shaped like {@code template}; options as {@link
   * H5mdWriteSettings} (chunking, {@code gzip:L[:shuffle]} or {@code none}, fields, group, author,
   * creator).
   */
  @Override
  public TrajectoryWriter create(Store store, String key, TrajectoryInfo template, WriteOptions options) throws IOException {
    return H5mdWriter.create(store, key, template, H5mdWriteSettings.parse(options));
  }

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    String location = store.location(key);
    String given = options.get("index").orElse(null);
    String indexKey = "none".equals(given) ? null : given == null ? key + INDEX_SUFFIX : indexKey(store, given);
    // the file is opened (a HEAD on object stores) while the index is fetched: one round trip for both
    Future<StoreInput> opening = indexKey == null ? CompletableFuture.completedFuture(store.newInput(key)) : openInBackground(store, key);
    byte[] json = null;
    try {
      if (indexKey != null) {
        try {
          json = store.readAll(indexKey);
        } catch (FileNotFoundException e) {
          if (given != null) {
            throw e;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      closeWhenOpened(opening);
      throw e;
    }
    StoreInput in = await(opening);
    try {
      Map<String, String> facts = new LinkedHashMap<>();
      if (json != null) {
        String where = store.location(indexKey);
        KerchunkIndex index = KerchunkIndex.parse(json, where);
        String stale = index.staleness(in.length(), in.version().orElse(null));
        if (stale == null) {
          index.checkWithin(in.length(), where);
          facts.put("index", where);
          return new H5mdReader(in, index.root(), location, options, facts, H5mdReader.Prefetch.NONE);
        }
        String warning = "index " + where + " is out of date (" + stale + "): ignoring it and reading the file itself;"
            + " write it again with 'trajstream index'";
        System.err.println("trajstream: warning: " + warning);
        facts.put("index.ignored", warning);
      }
      // the head stays with the reader: metadata, step and time datasets and first chunks are fetched once
      in = HeadCachedInput.open(in, headBytes(options));
      MetadataSession session = MetadataSession.open(in, location, options);
      try {
        if (session.userBlock() > 0) {
          facts.put("user-block", Long.toString(session.userBlock()));
        }
        return new H5mdReader(in, session.root(), location, options, facts, session.chunkIndexes());
      } finally {
        session.close();
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Option {@code cache.head}: bytes fetched first and kept for the reader's life (default 1 MiB). */
  static long headBytes(ReadOptions options) {
    return options.getBytes("cache.head", 1L << 20);
  }

  /** Opens {@code key} on a thread of its own, so that the caller can fetch something else meanwhile. */
  private static Future<StoreInput> openInBackground(Store store, String key) {
    FutureTask<StoreInput> task = new FutureTask<>(() -> store.newInput(key));
    Thread t = new Thread(task, "h5md-open");
    t.setDaemon(true);
    t.start();
    return task;
  }

  private static StoreInput await(Future<StoreInput> opening) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return opening.get();
        } catch (InterruptedException e) {
          interrupted = true; // the open is one request: finish waiting for it, then keep the interrupt
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof RuntimeException r) {
            throw r;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IOException(c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeWhenOpened(Future<StoreInput> opening) {
    try {
      await(opening).close();
    } catch (IOException | RuntimeException e) {
      // the open failed as well, or closing did: the caller reports its own failure
    }
  }

  /**
   * The key of an index given as a key, an absolute path or a URL: it must lie in the trajectory's
   * store (formats never open other stores).
   */
  static String indexKey(Store store, String value) {
    String root = store.root();
    if (value.startsWith(root)) {
      return value.substring(root.length());
    }
    boolean url = value.contains("://") || value.startsWith("file:");
    boolean absolutePath = !url && java.nio.file.Path.of(value).isAbsolute();
    if (!url && !absolutePath) {
      return value;
    }
    if (root.startsWith("file:") && (absolutePath || value.startsWith("file:"))) {
      try {
        java.nio.file.Path r = java.nio.file.Path.of(java.net.URI.create(root)).normalize();
        java.nio.file.Path p = (absolutePath ? java.nio.file.Path.of(value)
            : java.nio.file.Path.of(java.net.URI.create(value.replace(" ", "%20")))).toAbsolutePath().normalize();
        if (p.startsWith(r)) {
          return r.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        }
      } catch (IllegalArgumentException e) {
        // not a file URL we understand: reported below
      }
    }
    throw new IllegalArgumentException("index " + value + " is not in the trajectory's store " + root
        + ": put it beside the trajectory (or give its key relative to the trajectory's directory)");
  }

  /** jhdf over a block cache on one stored object, for as long as metadata is being read. */
  static final class MetadataSession implements AutoCloseable {
    private final HdfFile hdf;
    private final H5Group root;
    private final long userBlock;
    private final BlockCache cache;
    private final H5mdReader.Prefetch chunkIndexes;

    private MetadataSession(HdfFile hdf, H5Group root, long userBlock, BlockCache cache, H5mdReader.Prefetch chunkIndexes) {
      this.hdf = hdf;
      this.root = root;
      this.userBlock = userBlock;
      this.cache = cache;
      this.chunkIndexes = chunkIndexes;
    }

    /**
     * Fetches the nodes of every dataset's chunk index into the metadata cache, a level of all
     * trees at a time (see {@link ChunkBTreePrefetch}).
     */
    H5mdReader.Prefetch chunkIndexes() {
      return chunkIndexes;
    }

    /**
     * Reads the metadata of {@code in}; its head ({@code cache.head} bytes) is fetched first in one
     * request, unless {@code in} already keeps it (a {@link HeadCachedInput}).
     */
    static MetadataSession open(StoreInput in, String location, ReadOptions options) throws IOException {
      HeadCachedInput head = HeadCachedInput.open(in, headBytes(options));
      long length = head.length();
      int block = (int) options.getBytes("cache.block", 64 << 10);
      BlockCache cache = new BlockCache(head, length, block, 4, options.getBytes("cache.bytes", 64L << 20));
      // the head's blocks, from memory: a miss inside the head must not read ahead past it over the network
      cache.prefetch(0, head.headLength() / block * (long) block);
      if (signatureOffsetCached(cache) < 0) {
        throw new FormatException(location, null, "not an HDF5 file (no HDF5 signature at 0, 512, 1024, …)");
      }
      HdfFile hdf;
      try {
        hdf = new HdfFile(new StoreFileChannel(cache, StoreFileChannel.budgetFor(length)));
      } catch (HdfException e) {
        throw new FormatException(location, null, "cannot open as HDF5: " + message(e), e);
      } catch (RuntimeException e) {
        throw JhdfFailures.translate(e, location, null, "cannot open as HDF5");
      } catch (OutOfMemoryError e) {
        throw new FormatException(location, null, "the HDF5 superblock declares more than memory holds (" + e.getMessage() + ")");
      }
      try {
        JhdfTreeLoader loader = new JhdfTreeLoader(hdf, location, length);
        H5Group root = loader.load();
        List<ChunkBTreePrefetch.Root> roots = loader.chunkIndexRoots();
        int offsets = loader.sizeOfOffsets();
        long userBlock = loader.userBlock();
        return new MetadataSession(hdf, root, userBlock, cache, () -> ChunkBTreePrefetch.prefetch(cache, roots, offsets, userBlock));
      } catch (RuntimeException e) {
        closeQuietly(hdf);
        throw e;
      }
    }

    private static long signatureOffsetCached(BlockCache cache) throws IOException {
      byte[] buf = new byte[8];
      for (long at = 0; at + 8 <= cache.length(); at = at == 0 ? 512 : at * 2) {
        cache.read(at, buf, 0, 8);
        if (java.util.Arrays.equals(buf, SIGNATURE)) {
          return at;
        }
      }
      return -1;
    }

    H5Group root() {
      return root;
    }

    long userBlock() {
      return userBlock;
    }

    /** Requests the metadata cache made. */
    long requests() {
      return cache.requests();
    }

    @Override
    public void close() {
      closeQuietly(hdf);
    }

    private static void closeQuietly(HdfFile hdf) {
      try {
        hdf.close();
      } catch (HdfException e) {
        // jhdf cannot name the backing file of a FileChannel it was given and throws while closing
        if (!String.valueOf(e.getMessage()).contains("No backing file")) {
          throw e;
        }
      }
    }
  }

  static String message(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      sb.append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
