package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the command ({@link Main}) in a child JVM on the test class path, with JVM options of its
 * own (a heap limit, a system property) and a time limit: a child that has not exited by then is
 * dumped ({@code jcmd Thread.print}, so the failure shows where it waits), killed, and the test
 * fails saying so.
 */
record ChildCommand(int exitCode, String out, String err) {
  /** Runs {@code trajstream ARGS} with {@code jvmOptions} in {@code dir}; fails the test after {@code limit}. */
  static ChildCommand run(List<String> jvmOptions, Duration limit, Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "child", ".out");
    Path err = Files.createTempFile(dir, "child", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        String threads = threadDump(p.pid());
        p.destroyForcibly().waitFor();
        fail("trajstream " + String.join(" ", args) + " with " + jvmOptions + " did not finish within "
            + limit.toSeconds() + " s and was killed (a deadlock?); its threads were:\n" + threads
            + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new ChildCommand(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for trajstream " + String.join(" ", args), e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** stderr without the lines SLF4J adds because the test class path holds more than one logging provider. */
  String errWithoutLogging() {
    return err.lines().filter(l -> !l.startsWith("SLF4J")).collect(Collectors.joining("\n")).strip();
  }

  /** The child's threads, for the failure message; what went wrong when they cannot be had. */
  private static String threadDump(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return "(no jcmd in " + jcmd.getParent() + ")";
    }
    try {
      Process d = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
      byte[] text = d.getInputStream().readAllBytes();
      d.waitFor(30, TimeUnit.SECONDS);
      return new String(text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(jcmd failed: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
