package io.trajstream.h5md;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import io.trajstream.format.FormatException;
import io.trajstream.format.Probe;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.index.KerchunkIndex;
import io.trajstream.h5md.io.BlockCache;
import io.trajstream.h5md.io.StoreFileChannel;
import io.trajstream.h5md.tree.H5Group;
import io.trajstream.h5md.tree.JhdfFailures;
import io.trajstream.h5md.tree.JhdfTreeLoader;
import io.trajstream.store.Store;
import io.trajstream.store.StoreInput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The H5MD format ({@code h5md}): HDF5 files laid out as H5MD 1.1. Opens through a kerchunk-style
 * byte-range index when one is given (option {@code index}) or lies beside the file ({@code
 * KEY.refs.json}); otherwise reads the HDF5 metadata with jhdf over a block cache.
 *
 * <p>Read options: {@code group} (particle group), {@code index} (the index: a key, or a URL or
 * absolute path inside the trajectory's store; {@code none} disables the lookup beside the file), {@code cache.bytes} (metadata cache, default 64 MiB),
 * {@code cache.block} (block size, default 64 KiB), {@code cache.head} (bytes fetched first,
 * default 1 MiB), {@code pseudo-chunk-bytes} (contiguous data split, default 8 MiB), {@code
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

  @Override
  public TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException {
    String location = store.location(key);
    String indexKey = options.get("index").map(v -> "none".equals(v) ? v : indexKey(store, v)).orElse(null);
    if (!"none".equals(indexKey)) {
      byte[] json = null;
      String used = indexKey == null ? key + INDEX_SUFFIX : indexKey;
      try {
        json = store.readAll(used);
      } catch (FileNotFoundException e) {
        if (indexKey != null) {
          throw e;
        }
      }
      if (json != null) {
        KerchunkIndex index = KerchunkIndex.parse(json, store.location(used));
        StoreInput in = index.fileLength() >= 0 ? store.newInput(key, index.fileLength()) : store.newInput(key);
        try {
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put("index", store.location(used));
          return new H5mdReader(in, index.root(), location, options, facts);
        } catch (IOException | RuntimeException e) {
          in.close();
          throw e;
        }
      }
    }
    StoreInput in = store.newInput(key);
    try {
      MetadataSession session = MetadataSession.open(in, location, options);
      try {
        Map<String, String> facts = new LinkedHashMap<>();
        if (session.userBlock() > 0) {
          facts.put("user-block", Long.toString(session.userBlock()));
        }
        return new H5mdReader(in, session.root(), location, options, facts);
      } finally {
        session.close();
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
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

    private MetadataSession(HdfFile hdf, H5Group root, long userBlock, BlockCache cache) {
      this.hdf = hdf;
      this.root = root;
      this.userBlock = userBlock;
      this.cache = cache;
    }

    static MetadataSession open(StoreInput in, String location, ReadOptions options) throws IOException {
      long length = in.length();
      int block = (int) options.getBytes("cache.block", 64 << 10);
      BlockCache cache = new BlockCache(in, length, block, 4, options.getBytes("cache.bytes", 64L << 20));
      cache.prefetch(0, Math.min(length, options.getBytes("cache.head", 1L << 20)));
      if (signatureOffsetCached(cache) < 0) {
        throw new FormatException(location, null, "not an HDF5 file (no HDF5 signature at 0, 512, 1024, …)");
      }
      HdfFile hdf;
      try {
        hdf = new HdfFile(new StoreFileChannel(cache));
      } catch (HdfException e) {
        throw new FormatException(location, null, "cannot open as HDF5: " + message(e), e);
      } catch (RuntimeException e) {
        throw JhdfFailures.translate(e, location, null, "cannot open as HDF5");
      } catch (OutOfMemoryError e) {
        throw JhdfFailures.outOfMemory(e, location, null);
      }
      try {
        JhdfTreeLoader loader = new JhdfTreeLoader(hdf, location);
        H5Group root = loader.load();
        return new MetadataSession(hdf, root, loader.userBlock(), cache);
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
