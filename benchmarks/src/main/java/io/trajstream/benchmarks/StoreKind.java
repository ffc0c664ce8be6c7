package io.trajstream.benchmarks;

import io.trajstream.runtime.LatencyStore;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a benchmark reads its trajectory from: {@code memory} (a {@link MemoryStore}: decoding
 * cost only), {@code file} (a {@link FileStore} on local disk, usually in the page cache) or
 * {@code latency} (a memory store behind the runtime's {@link LatencyStore}: every request costs a
 * round trip of twice the one-way delay and all bytes share one bandwidth cap — a simulated
 * object store).
 */
public enum StoreKind {
  MEMORY("memory"),
  FILE("file"),
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
    throw new IllegalArgumentException("store '" + label + "' is not one of memory, file, latency");
  }

  /**
   * A store holding the trajectory {@code key} of directory {@code dir} (a file or a directory
   * tree), as this kind; {@code oneWay} and {@code bytesPerSecond} shape the latency kind only.
   */
  public Store open(Path dir, String key, Duration oneWay, long bytesPerSecond) throws IOException {
    switch (this) {
      case FILE:
        return new FileStore(dir);
      case MEMORY:
        return copyToMemory(dir, key);
      default:
        return new LatencyStore(copyToMemory(dir, key), oneWay, bytesPerSecond);
    }
  }

  /** A memory store with the file {@code dir/key}, or every file below the directory {@code dir/key}. */
  static MemoryStore copyToMemory(Path dir, String key) throws IOException {
    MemoryStore m = new MemoryStore("mem://bench/");
    Path top = dir.resolve(key);
    List<Path> files;
    try (Stream<Path> s = Files.isDirectory(top) ? Files.walk(top) : Stream.of(top)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String k = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
      m.write(k, ByteBuffer.wrap(Files.readAllBytes(f)));
    }
    return m;
  }
}
