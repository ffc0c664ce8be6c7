package io.trajstream.testkit;

import io.trajstream.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Puts local files into a store for end-to-end tests: one file, or a directory tree such as a zarr store. */
public final class StoreFixtures {
  private StoreFixtures() {}

  /**
   * Copies {@code source} to {@code key}: a file becomes one object, a directory becomes one object
   * per file below {@code key/}, with {@code /} separators. Returns the keys written, sorted.
   */
  public static List<String> upload(Path source, Store store, String key) throws IOException {
    if (!Files.isDirectory(source)) {
      store.write(key, Files.readAllBytes(source));
      return List.of(key);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> keys = new java.util.ArrayList<>();
    for (Path p : files) {
      String k = key + "/" + source.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
      store.write(k, Files.readAllBytes(p));
      keys.add(k);
    }
    return keys;
  }
}
