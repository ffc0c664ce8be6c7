package io.trajstream.fuzz;

import io.trajstream.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The real files some targets need besides their input, from the test resources beside the targets. */
final class Fixtures {
  private Fixtures() {}

  /** The bytes of resource {@code name} (relative to this package). */
  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file below the resource directory {@code dir} by its path relative to {@code dir}. */
  static Map<String, byte[]> tree(String dir) {
    URL url = Fixtures.class.getResource(dir);
    if (url == null) {
      throw new IllegalStateException("test resource directory " + dir + " is missing");
    }
    Map<String, byte[]> out = new TreeMap<>();
    try {
      Path root = Path.of(url.toURI());
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** Writes every entry of {@code tree} into {@code store}. */
  static void copy(Map<String, byte[]> tree, Store store) throws IOException {
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      store.write(e.getKey(), ByteBuffer.wrap(e.getValue()));
    }
  }
}
