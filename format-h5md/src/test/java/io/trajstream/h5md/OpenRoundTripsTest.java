package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the peer H5MD files (written by MDAnalysis, ZnH5MD and h5py) costs at most 3 sequential
 * round trips without an index and 1 with one, and the head fetched at open serves the step and
 * time datasets and the chunks inside it afterwards. Counted with {@link RoundTrips}, each request
 * taking 150 ms (long beside thread start-up on a busy machine).
 */
class OpenRoundTripsTest {
  @TempDir static Path dir;

  static List<String> files() {
    List<String> files = new ArrayList<>(List.of("mdanalysis/cobrotoxin.h5md", "mdanalysis/coordinates/test.h5md",
        "mdanalysis/cu.h5md", "zarrtraj/COORDINATES_SYNTHETIC_H5MD.h5md", "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md"));
    String extra = System.getProperty("trajstream.open-cost.file");
    if (extra != null) {
      files.add(extra); // an absolute path, for measuring other files by hand
    }
    return files;
  }

  private static ReadOptions options(String file) {
    return file.endsWith("cu.h5md") ? ReadOptions.defaults().with("group", "atoms") : ReadOptions.defaults();
  }

  @ParameterizedTest
  @MethodSource("files")
  void opensInAtMostThreeRoundTripsWithoutAnIndex(String name) throws Exception {
    Path file = name.startsWith("/") ? Path.of(name) : TestEnvironment.requireSharedData().resolve(name);
    RoundTrips store = new RoundTrips(new FileStore(file.getParent()), Duration.ofMillis(150));
    try (TrajectoryReader r = new H5mdFormat().open(store, file.getFileName().toString(), options(name))) {
      System.out.println(name + ": " + store.roundTrips() + " round trips, " + store.requests() + " requests " + store.log());
      assertTrue(store.roundTrips() <= 3, store.log().toString());
      assertEquals(1, store.log().stream().filter(l -> l.contains(" HEAD ")).count(), "one HEAD: " + store.log());
      long head = Math.min(Files.size(file), 1 << 20);
      store.reset();
      r.read(FrameRange.single(0), AtomSelection.all(), r.info().fields());
      System.out.println("  frame 0: " + store.log());
      for (String l : store.log()) {
        long at = Long.parseLong(l.substring(l.indexOf('[') + 1, l.indexOf(',')));
        long len = Long.parseLong(l.substring(l.indexOf('+') + 1, l.indexOf(')')));
        assertTrue(at + len > head, "read inside the head fetched at open: " + l);
      }
    }
  }

  @Test
  void chunkIndexNodesScatteredThroughTheFileAreFetchedALevelAtATime() throws Exception {
    // 300 one-frame chunks per field, written frame by frame: each chunk index has a root and 5
    // leaves spread through the file; with a 64 KiB head every leaf lies outside it
    Interop.make(dir, "mda_300_frames");
    RoundTrips store = new RoundTrips(new FileStore(dir), Duration.ofMillis(150));
    ReadOptions smallHead = ReadOptions.defaults().with("cache.head", "64k");
    try (TrajectoryReader r = new H5mdFormat().open(store, "mda_300_frames.h5md", smallHead)) {
      System.out.println("mda_300_frames, 64 KiB head: " + store.roundTrips() + " round trips " + store.log());
      assertEquals(300, r.info().frames());
      assertTrue(store.roundTrips() <= 3, store.log().toString());
      assertArrayEquals(Interop.values(dir, "mda_300_frames", "force"),
          r.read(FrameRange.of(0, 300), AtomSelection.all(), java.util.EnumSet.of(io.trajstream.format.Field.FORCE)).values(io.trajstream.format.Field.FORCE));
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void opensInOneRoundTripWithAnIndex(String name) throws Exception {
    Path src = name.startsWith("/") ? Path.of(name) : TestEnvironment.requireSharedData().resolve(name);
    String key = src.getFileName().toString();
    Files.copy(src, dir.resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    FileStore fs = new FileStore(dir);
    new KerchunkIndexWriter().writeBeside(fs, key, dir.resolve(key).toUri().toString());
    RoundTrips store = new RoundTrips(fs, Duration.ofMillis(150));
    try (TrajectoryReader r = new H5mdFormat().open(store, key, options(name))) {
      System.out.println(name + " with index: " + store.log());
      assertTrue(r.info().attributes().containsKey("index"), "opened through the index");
      assertEquals(1, store.roundTrips(), store.log().toString());
    }
  }
}
