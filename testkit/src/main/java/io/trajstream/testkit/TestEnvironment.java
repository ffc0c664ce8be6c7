package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the tools and data that interop tests need: the shared peer data directory and Debian's
 * python3 with MDAnalysis, h5py, zarr. Where one is missing a test is skipped with a clear message,
 * except under CI ({@code CI=true}), where a missing tool fails the test.
 */
public final class TestEnvironment {
  /** The interpreter interop tests use: Debian's, with its python3-* packages. */
  public static final String PYTHON = System.getenv().getOrDefault("TRAJSTREAM_PYTHON", "/usr/bin/python3");

  private TestEnvironment() {}

  /** Whether this run is under CI, where nothing may be skipped for a missing tool. */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the test (or fails it under CI) with {@code message}. */
  public static void missing(String message) {
    if (isCi()) {
      fail(message + " (required under CI=true)");
    }
    Assumptions.abort(message);
  }

  /** The shared peer data directory, if present. */
  public static Optional<Path> sharedData() {
    String env = System.getenv("TRAJSTREAM_SHARED_DATA");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("..", "..", "shared", "data"));
    candidates.add(Path.of("..", "shared", "data"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p.resolve("EXPECTED.json"))) {
        return Optional.of(p.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  /** The shared data directory, or skip/fail as {@link #missing} says. */
  public static Path requireSharedData() {
    Optional<Path> p = sharedData();
    if (p.isEmpty()) {
      missing("peer data directory shared/data not found beside the checkout (set TRAJSTREAM_SHARED_DATA)");
    }
    return p.get();
  }

  /** Whether python3 can import all {@code modules}. */
  public static boolean hasPython(String... modules) {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    StringBuilder code = new StringBuilder();
    for (String m : modules) {
      code.append("import ").append(m).append('\n');
    }
    try {
      return run(List.of(PYTHON, "-c", code.toString()), null).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Requires python3 with {@code modules}; skips (or fails under CI) naming the Debian packages to install. */
  public static String requirePython(String... modules) {
    if (!hasPython(modules)) {
      missing(PYTHON + " with modules " + String.join(", ", modules)
          + " is missing (apt-get install python3-mdanalysis python3-h5py python3-zarr python3-fsspec)");
    }
    return PYTHON;
  }

  /**
   * The absolute path of {@code command} on the {@code PATH} (e.g. GROMACS's {@code gmx}); skips
   * (or fails under CI) naming the Debian package to install when it is not there.
   */
  public static String requireCommand(String command, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return Path.of(dir, command).toString();
      }
    }
    missing("command " + command + " is missing (apt-get install " + debianPackage + ")");
    return command;
  }

  /**
   * Runs {@code command} in {@code dir} with {@code stdin} as its input; fails the test on a
   * non-zero exit, showing the output.
   */
  public static String runChecked(List<String> command, Path dir, String stdin) throws IOException {
    Path in = Files.createTempFile("trajstream-proc", ".in");
    try {
      Files.writeString(in, stdin == null ? "" : stdin);
      ProcessBuilder pb = new ProcessBuilder(command).redirectInput(in.toFile()).redirectErrorStream(true);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail(command.get(0) + " timed out");
      }
      if (p.exitValue() != 0) {
        fail(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(in);
    }
  }

  /**
   * A python script shipped with the testkit (resource {@code io/trajstream/testkit/python/NAME}),
   * e.g. {@code dump_observables.py}, which prints what h5py or zarr-python read as JSON.
   */
  public static String bundledScript(String name) throws IOException {
    try (java.io.InputStream in = TestEnvironment.class.getResourceAsStream("python/" + name)) {
      if (in == null) {
        throw new IOException("no bundled script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Result of a process run. */
  public record ProcessResult(int exitCode, String stdout, String stderr) {}

  /** Runs python3 {@code script} with {@code args}; fails the test on a non-zero exit, showing stderr. */
  public static String python(String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON);
    cmd.add("-c");
    cmd.add(script);
    cmd.addAll(List.of(args));
    ProcessResult r = run(cmd, null);
    if (r.exitCode() != 0) {
      fail("python3 failed (exit " + r.exitCode() + "):\n" + r.stderr());
    }
    return r.stdout();
  }

  /** Runs a command, capturing its output (10 minute limit). */
  public static ProcessResult run(List<String> command, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Path out = Files.createTempFile("trajstream-proc", ".out");
    Path err = Files.createTempFile("trajstream-proc", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command.get(0));
      }
      return new ProcessResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
