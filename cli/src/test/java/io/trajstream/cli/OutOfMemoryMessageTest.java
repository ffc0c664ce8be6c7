package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legal request that needs more memory than the JVM has (ten frames of a million atoms, 120 MB,
 * under a 24 MiB heap) ends in one line that says so and what to do, exit code 1: no stack trace,
 * no "Exception in thread". The file is written by h5py and holds no data (every value is the
 * fill value), so it is a few kilobytes.
 */
class OutOfMemoryMessageTest {
  @TempDir Path dir;

  @Test
  void runningOutOfHeapIsOneLine() throws Exception {
    TestEnvironment.requirePython("h5py", "numpy");
    Path file = dir.resolve("big.h5md");
    TestEnvironment.python("""
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], "w") as f:
            h = f.create_group("h5md"); h.attrs["version"] = np.array([1, 1])
            t = f.create_group("particles/trajectory")
            p = t.create_group("position")
            p.create_dataset("value", shape=(10, 1000000, 3), dtype="f4", chunks=(1, 1000000, 3), fillvalue=1.5)
            p.create_dataset("step", data=10); p.create_dataset("time", data=1.0)
        """, file.toString());
    ChildCommand r = ChildCommand.run(List.of("-Xmx24m"), Duration.ofMinutes(2), dir, "frames", file.toString(), "--frames", "0:10");
    String err = r.errWithoutLogging();
    System.out.println("exit " + r.exitCode() + ": " + err);
    assertEquals(1, r.exitCode(), r.out() + err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception in thread") || err.contains("\tat "), err);
    assertTrue(err.startsWith("trajstream: "), err);
    assertTrue(err.contains("out of memory") || err.contains("heap") || err.contains("limit"), err);
  }
}
