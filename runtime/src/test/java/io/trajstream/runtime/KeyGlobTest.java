package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.StoreConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeyGlob}: a {@code *} in the last segment, expanded by one listing, in natural order. */
class KeyGlobTest {
  @TempDir Path dir;

  @Test
  void expandsObjectsAndDirectoryShapedTrajectoriesInNaturalOrder() throws IOException {
    for (String f : List.of("run.part10.h5md", "run.part2.h5md", "run.part1.h5md", "other.h5md", "run.part3.xtc")) {
      Files.writeString(dir.resolve(f), "x");
    }
    Files.createDirectories(dir.resolve("run.part4.zarrmd/particles"));
    Files.writeString(dir.resolve("run.part4.zarrmd/.zgroup"), "{}");
    Files.writeString(dir.resolve("run.part4.zarrmd/particles/.zgroup"), "{}");
    TrajStream ts = TrajStream.create();
    assertTrue(KeyGlob.isPattern(dir + "/run.part*.h5md"));
    assertFalse(KeyGlob.isPattern(dir + "/run.part1.h5md"));
    assertEquals(List.of(dir + "/run.part1.h5md", dir + "/run.part2.h5md", dir + "/run.part10.h5md"),
        ts.expand(List.of(dir + "/run.part*.h5md"), StoreConfig.empty()));
    assertEquals(List.of(dir + "/run.part1.h5md", dir + "/run.part2.h5md", dir + "/run.part3.xtc",
            dir + "/run.part4.zarrmd", dir + "/run.part10.h5md"),
        ts.expand(List.of(dir + "/run.part*"), StoreConfig.empty()));
    String url = dir.toUri().toString();
    assertEquals(List.of(url + "other.h5md", url + "run.part1.h5md"),
        ts.expand(List.of(url + "other.h5md", url + "*1.h5md"), StoreConfig.empty()));
  }

  @Test
  void aPatternMatchingNothingIsAnErrorNamingIt() {
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> TrajStream.create().expand(List.of(dir + "/nothing*.h5md"), StoreConfig.empty()));
    assertTrue(e.getMessage().contains("nothing*.h5md"), e.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> TrajStream.create().expand(List.of(dir + "/run*/part*.h5md"), StoreConfig.empty()));
    assertTrue(d.getMessage().contains("last path segment"), d.getMessage());
  }
}
