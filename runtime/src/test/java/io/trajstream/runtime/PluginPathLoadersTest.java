package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin jar gets a class loader of its own: two jars that both hold a class of the same name
 * (two plugins bundling different versions of one library) each see their own.
 */
class PluginPathLoadersTest {
  @TempDir Path dir;

  @AfterEach
  void forget() {
    PluginPath.setGiven(List.of());
  }

  @Test
  void twoJarsWithTheSameClassEachLoadTheirOwn() throws Exception {
    Path one = jarWith("one");
    Path two = jarWith("two");
    PluginPath.setGiven(List.of(one + ":" + two));
    List<ClassLoader> loaders = PluginPath.loaders(getClass().getClassLoader());
    assertEquals(2, loaders.size());
    assertNotSame(loaders.get(0), loaders.get(1));
    Class<?> first = loaders.get(0).loadClass("org.example.twin.Version");
    Class<?> second = loaders.get(1).loadClass("org.example.twin.Version");
    assertNotSame(first, second);
    assertEquals("one", first.getMethod("name").invoke(null));
    assertEquals("two", second.getMethod("name").invoke(null));
    assertEquals(one, PluginPath.jarOf(first));
    assertEquals(two, PluginPath.jarOf(second));
  }

  /** A jar holding {@code org.example.twin.Version} whose {@code name()} returns {@code name}. */
  private Path jarWith(String name) throws IOException {
    Path src = Files.createDirectories(dir.resolve(name + "-src/org/example/twin")).resolve("Version.java");
    Files.writeString(src, "package org.example.twin;\npublic final class Version {\n"
        + "  public static String name() { return \"" + name + "\"; }\n}\n");
    Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "--release", "17", src.toString()));
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("org/example/twin/Version.class"));
      out.write(Files.readAllBytes(classes.resolve("org/example/twin/Version.class")));
      out.closeEntry();
    }
    return jar;
  }
}
