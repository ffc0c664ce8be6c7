package io.trajstream.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Plugin jars from outside the class path: those named by the environment variable {@value #ENV}
 * and those given to the command ({@code --plugin-path}), each a {@code :}-separated list of jars or
 * directories of jars (a directory gives its {@code *.jar} files in name order). Each jar is loaded
 * by a class loader of its own, a child of TrajStream's, made once per process; its plugins are
 * found by {@link PluginRegistry#load()} after those on the class path.
 */
public final class PluginPath {
  /** The environment variable read for plugin jars. */
  public static final String ENV = "TRAJSTREAM_PLUGIN_PATH";

  private static final Map<Path, URLClassLoader> LOADERS = new ConcurrentHashMap<>();
  private static volatile List<String> given = List.of();

  private PluginPath() {}

  /** Sets the entries given to the command (replacing earlier ones); the environment's come first. */
  public static void setGiven(List<String> paths) {
    given = List.copyOf(paths);
  }

  /** Adds one entry given to the command. */
  public static synchronized void addGiven(String path) {
    List<String> l = new ArrayList<>(given);
    l.add(path);
    given = List.copyOf(l);
  }

  /**
   * The plugin jars, environment first, without repeats. An entry that does not exist, or a file
   * that is not a jar, is an error naming it.
   */
  public static List<Path> jars() {
    List<Path> jars = new ArrayList<>();
    String env = System.getenv(ENV);
    if (env != null) {
      addEntries(jars, env, ENV);
    }
    for (String list : given) {
      addEntries(jars, list, "--plugin-path");
    }
    return jars;
  }

  private static void addEntries(List<Path> jars, String list, String source) {
    for (String entry : list.split(":")) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry.strip()).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
              .forEach(f -> addOnce(jars, f));
        } catch (IOException e) {
          throw new UncheckedIOException("plugin path (" + source + "): cannot list " + p, e);
        }
      } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
        addOnce(jars, p);
      } else {
        throw new PluginException("plugin path (" + source + "): " + p
            + (Files.exists(p) ? " is not a jar or a directory" : " does not exist"));
      }
    }
  }

  private static void addOnce(List<Path> jars, Path p) {
    if (!jars.contains(p)) {
      jars.add(p);
    }
  }

  /** One class loader per plugin jar, children of {@code parent}, in {@link #jars()} order. */
  static List<ClassLoader> loaders(ClassLoader parent) {
    List<ClassLoader> out = new ArrayList<>();
    for (Path jar : jars()) {
      out.add(LOADERS.computeIfAbsent(jar, j -> {
        try {
          return new URLClassLoader("plugin:" + j.getFileName(), new URL[] {j.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
          throw new PluginException("plugin path: " + j + ": " + e.getMessage());
        }
      }));
    }
    return out;
  }

  /** The plugin jar that loaded {@code type}, or null when it came from the class path. */
  static Path jarOf(Class<?> type) {
    ClassLoader cl = type.getClassLoader();
    for (Map.Entry<Path, URLClassLoader> e : LOADERS.entrySet()) {
      if (e.getValue() == cl) {
        return e.getKey();
      }
    }
    return null;
  }
}
