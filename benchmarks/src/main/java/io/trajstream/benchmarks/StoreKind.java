package io.trajstream.benchmarks;

import io.trajstream.runtime.LatencyStore;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.testkit.StoreFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a benchmark reads its trajectory from: {@code memory} (a {@link MemoryStore}: decoding
 * cost only), {@code file} (a {@link FileStore} on local disk, usually in the page cache), {@code
 * s3} (a real S3 API server behind a TCP delay proxy, read by TrajStream's S3 store, see {@link
 * S3LinkStore}) or {@code latency} (a memory store behind the runtime's {@link LatencyStore}: the
 * same delay and bandwidth cap simulated in process, as {@code trajstream bench --synthetic} and
 * the demo do; kept to check that model against {@code s3}).
 */
public enum StoreKind {
  MEMORY("memory"),
  FILE("file"),
  S3("s3"),
  LATENCY("latency");

  private final String label;

  StoreKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static StoreKind parse(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (StoreKind k : values()) {
      if (k.label.equals(l)) {
        return k;
      }
    }
    throw new IllegalArgumentException("store '" + label + "' is not one of memory, file, s3, latency");
  }

  /**
   * A store holding the trajectory {@code key} of directory {@code dir} (a file or a directory
   * tree), as this kind; {@code oneWay} and {@code bytesPerSecond} shape the s3 and latency kinds
   * only. The s3 kind starts a server (closed with the store).
   */
  public Store open(Path dir, String key, Duration oneWay, long bytesPerSecond) throws IOException {
    switch (this) {
      case FILE:
        return new FileStore(dir);
      case MEMORY:
        return copyToMemory(dir, key);
      case S3:
        return S3LinkStore.open(dir, key, oneWay, bytesPerSecond);
      default:
        return new LatencyStore(copyToMemory(dir, key), oneWay, bytesPerSecond);
    }
  }

  /** A memory store with the file {@code dir/key}, or every file below the directory {@code dir/key}. */
  static MemoryStore copyToMemory(Path dir, String key) throws IOException {
    MemoryStore m = new MemoryStore("mem://bench/");
    StoreFixtures.upload(dir.resolve(key), m, key);
    return m;
  }
}
