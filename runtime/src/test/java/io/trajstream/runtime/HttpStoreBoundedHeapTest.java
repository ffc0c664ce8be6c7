package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hostile modes that once ran the JVM out of memory (a server ignoring Range on a 300 MB
 * object, an endless body, a huge or negative Content-Length), run by {@link HostileReadsMain} in a
 * child JVM limited to {@code -Xmx256m}: every mode must end in its one-line error, and the child
 * must not run out of memory.
 */
class HttpStoreBoundedHeapTest {
  @Test
  void everyHostileModeStaysWithin256MiBOfHeap() throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath,
        HostileReadsMain.class.getName())).redirectErrorStream(true).start();
    String out;
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM still running after 120 s");
    } finally {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.destroyForcibly();
    }
    assertFalse(out.contains("FAILED") || out.contains("OutOfMemoryError"), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("all modes bounded"), out);
    assertEquals(8, out.lines().filter(l -> l.startsWith("ok ")).count(), out);
  }
}
