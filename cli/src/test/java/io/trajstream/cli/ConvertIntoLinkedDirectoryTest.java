package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local store stays in its directory (the target's parent): {@code convert} into a zarrmd whose
 * {@code particles} is a symbolic link to a directory outside it is refused with one line naming
 * the key, and writes nothing there.
 */
class ConvertIntoLinkedDirectoryTest {
  @Test
  void convertIntoAZarrmdWhoseParticlesLinksOutsideIsRefused(@TempDir Path dir) throws Exception {
    Path src = TestEnvironment.requireSharedData().resolve("mdanalysis/coordinates/test.h5md");
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Path target = Files.createDirectories(dir.resolve("work").resolve("out.zarrmd"));
    Files.createSymbolicLink(target.resolve("particles"), Path.of("..", "..", "elsewhere"));

    CliRun r = CliRun.of("convert", src.toString(), target.toString(), "-q");

    assertNotEquals(0, r.exitCode(), r.out() + r.err());
    String err = r.err().strip();
    assertTrue(err.contains("leads outside the store root"), err);
    assertTrue(err.contains("particles"), err);
    assertEquals(1, err.lines().count(), err);
    try (Stream<Path> written = Files.list(outside)) {
      assertEquals(0, written.count(), "files were written through the link");
    }
  }
}
