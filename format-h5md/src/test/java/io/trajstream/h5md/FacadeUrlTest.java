package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format is found through the service loader and probe and reads the same from file:, mem: and
 * http: URLs through the runtime facade (what the CLI's info and frames commands use).
 */
class FacadeUrlTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_chunk10_gzip1", "h5_userblock");
  }

  @Test
  void fileMemAndHttpReadTheSame() throws Exception {
    TrajStream ts = TrajStream.create();
    assertTrue(ts.formats().stream().anyMatch(f -> f instanceof H5mdFormat), "registered through the service loader");
    for (String name : List.of("mda_chunk10_gzip1", "h5_userblock")) {
      float[] want = Interop.values(dir, name, "position");
      String memUrl = "mem://facade-test/" + name + ".h5md";
      try (Store mem = ts.openStore(StoreUrl.parse(memUrl), StoreConfig.empty())) {
        mem.write(name + ".h5md", Files.readAllBytes(dir.resolve(name + ".h5md")));
      }
      try (RangeServer http = new RangeServer(dir)) {
        for (String url : List.of(dir.resolve(name + ".h5md").toUri().toString(), memUrl, http.url(name + ".h5md"))) {
          try (TrajectoryReader r = ts.open(url, StoreConfig.empty())) {
            assertEquals("h5md", r.info().format());
            assertEquals(40, r.info().frames(), url);
            assertArrayEquals(want, r.read(FrameRange.of(0, 40), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions(), url);
          }
        }
      }
    }
  }
}
