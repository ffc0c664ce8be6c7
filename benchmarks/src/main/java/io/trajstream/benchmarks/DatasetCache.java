package io.trajstream.benchmarks;

import io.trajstream.store.FileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of generated benchmark trajectories, so that a trajectory is written once and every
 * trial (each in its own JMH fork) that reads the same file reuses it. A trajectory counts as
 * present once its {@code KEY.needed} marker (the stored size of its position chunks) exists; the
 * marker is written last. Directory: system property {@code trajstream.bench.data}, else
 * {@code trajstream-bench-data} in the temporary directory.
 */
public final class DatasetCache {
  private final Path directory;
  private final DatasetWriter writer;

  public DatasetCache(Path directory, DatasetWriter writer) {
    this.directory = directory;
    this.writer = writer;
  }

  /** The cache named by {@code trajstream.bench.data} (default: below {@code java.io.tmpdir}). */
  public static DatasetCache fromSystemProperty() {
    String d = System.getProperty("trajstream.bench.data");
    Path dir = d != null && !d.isBlank() ? Path.of(d)
        : Path.of(System.getProperty("java.io.tmpdir"), "trajstream-bench-data");
    return new DatasetCache(dir.toAbsolutePath(), DatasetWriter.withDefaultPython());
  }

  public Path directory() {
    return directory;
  }

  /** The trajectory of {@code spec}, written now if it is not in the cache yet. */
  public Dataset obtain(DatasetSpec spec) throws IOException {
    Files.createDirectories(directory);
    Path marker = directory.resolve(spec.key() + ".needed");
    if (Files.exists(marker)) {
      long needed = Long.parseLong(Files.readString(marker, StandardCharsets.UTF_8).trim());
      return new Dataset(spec, spec.key(), needed);
    }
    deleteRecursively(directory.resolve(spec.key())); // a partial one from an interrupted run
    Dataset d;
    try (FileStore store = new FileStore(directory)) {
      d = writer.write(spec, store, spec.key(), directory.resolve(".scratch"));
    }
    Files.writeString(marker, Long.toString(d.neededBytes()), StandardCharsets.UTF_8);
    return d;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
