package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.runtime.PluginPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format plugin from outside the class path: the examples/format-xyz project's sources, compiled
 * here against the API alone and packed into a jar, are found through {@code --plugin-path} and
 * {@value PluginPath#ENV}, each jar through a class loader of its own; {@code plugins} names the
 * jar; without the path the command does not know the format; a path that does not exist is a
 * usage error naming it.
 */
class PluginPathTest {
  @TempDir static Path dir;
  static Path jar;
  static Path xyz;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    Path example = Path.of("..", "examples", "format-xyz").toAbsolutePath().normalize();
    Path sources = example.resolve("src/main/java");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "--release", "17", "-proc:none"));
    try (Stream<Path> s = Files.walk(sources)) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "compiling " + sources);
    Files.createDirectories(dir.resolve("plugins"));
    jar = dir.resolve("plugins/format-xyz.jar");
    Path services = example.resolve("src/main/resources");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> c = Files.walk(classes);
        Stream<Path> r = Files.walk(services)) {
      for (Path root : List.of(classes, services)) {
        for (Path p : (root == classes ? c : r).filter(Files::isRegularFile).toList()) {
          out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
          try (var in = Files.newInputStream(p)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    xyz = example.resolve("run.xyz");
  }

  @Test
  void pluginsListsTheJarsFormat() {
    CliRun r = CliRun.of("plugins", "--plugin-path", dir.resolve("plugins").toString());
    assertEquals(0, r.exitCode(), r.err());
    String line = r.out().lines().filter(l -> l.startsWith("format") && l.contains(" xyz ")).findFirst().orElse("");
    assertTrue(line.contains(jar.toString()) && line.contains("org.example.xyz.XyzFormat"), r.out());
  }

  @Test
  void infoReadsThroughThePlugin() {
    CliRun r = CliRun.of("info", "--json", "--plugin-path", jar.toString(), xyz.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"format\" : \"xyz\"") || r.out().contains("\"format\":\"xyz\""), r.out());
    assertTrue(r.out().replace(" ", "").contains("\"frames\":2"), r.out());
  }

  @Test
  void withoutThePathTheFormatIsUnknown() {
    CliRun r = CliRun.of("info", xyz.toString());
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("not recognised"), r.err());
  }

  @Test
  void aMissingEntryIsAUsageErrorNamingIt() {
    CliRun r = CliRun.of("info", "--plugin-path", dir.resolve("nowhere").toString(), xyz.toString());
    assertEquals(TrajStreamCommand.USAGE, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(dir.resolve("nowhere").toString()) && r.err().contains("does not exist"), r.err());
  }

  @Test
  void theEnvironmentVariableWorksForTheWholeCommand() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "frames", xyz.toString(), "--frames", "1", "--atoms", "0");
    pb.environment().put(PluginPath.ENV, dir.resolve("plugins") + ":" + jar);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("0.01"), out); // frame 1, atom 0: x = 0.010 Angstrom
  }

}
