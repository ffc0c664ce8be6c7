package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarr.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every zarrmd of the shared peer data, read as EXPECTED.json (MDAnalysis's readings of the same
 * content) and zarrtraj's own tests say.
 */
class SharedDataZarrmdTest {
  static Path data;
  static JsonNode expected;
  static final ZarrmdFormat FORMAT = new ZarrmdFormat();

  @BeforeAll
  static void load() throws IOException {
    data = TestEnvironment.requireSharedData();
    expected = Json.parse(Files.readAllBytes(data.resolve("EXPECTED.json"))).get("zarrtraj_synthetic_h5md");
  }

  static TrajectoryReader open(String name) throws IOException {
    FileStore store = new FileStore(data.resolve("zarrtraj"));
    String key = "COORDINATES_" + name + "_ZARRMD.zarrmd";
    assertTrue(FORMAT.probe(store, key).isPresent(), name + ": probe");
    return FORMAT.open(store, key, ReadOptions.defaults());
  }

  static void assertFrameField(JsonNode want, FrameBlock b, int i, Field f, String what) {
    JsonNode probe = expected.get("probe_atoms");
    for (int k = 0; k < probe.size(); k++) {
      int atom = probe.get(k).asInt();
      for (int d = 0; d < 3; d++) {
        float w = (float) want.get(k).get(d).asDouble();
        assertEquals(w, b.values(f)[i * b.atomCount() * 3 + atom * 3 + d], Math.abs(w) * 1e-6f, what + " atom " + atom);
      }
    }
  }

  @Test
  void syntheticReadsAsExpected() throws IOException {
    try (TrajectoryReader r = open("SYNTHETIC")) {
      assertEquals(expected.get("atoms").asInt(), r.info().atoms());
      assertEquals(expected.get("frames").asInt(), r.info().frames());
      assertEquals("John Doe", r.info().author());
      assertEquals("MDAnalysis", r.info().creator());
      assertEquals(List.of("periodic", "periodic", "periodic"), r.info().boundary());
      assertEquals(List.of("occupancy"), r.info().observables());
      assertEquals("Angstrom", r.info().unit(Field.POSITION));
      assertEquals("ps", r.info().timeUnit());
      assertEquals(EnumSet.allOf(Field.class), r.info().fields());
      FrameBlock b = r.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
      for (JsonNode fd : expected.get("frames_detail")) {
        int i = fd.get("frame").asInt();
        assertEquals(fd.get("step").asLong(), b.step(i));
        assertEquals(expected.get("time").get(i).asDouble(), b.time(i), 1e-6);
        assertFrameField(fd.get("positions"), b, i, Field.POSITION, "frame " + i + " position");
        assertFrameField(fd.get("velocities"), b, i, Field.VELOCITY, "frame " + i + " velocity");
        assertFrameField(fd.get("forces"), b, i, Field.FORCE, "frame " + i + " force");
        for (int d = 0; d < 6; d++) {
          float w = (float) fd.get("dimensions").get(d).asDouble();
          assertEquals(w, b.box(i)[d], 1e-3f, "frame " + i + " box " + d);
        }
      }
    }
  }

  @Test
  void variedStepsFollowZarrtrajSemantics() throws IOException {
    try (TrajectoryReader varied = open("VARIED_STEPS"); TrajectoryReader truth = open("SYNTHETIC")) {
      assertEquals(5, varied.info().frames(), "frames are the union of position/velocity/force/box steps");
      for (int i = 0; i < 5; i++) {
        assertEquals(i, varied.info().step(i));
        assertEquals(i, varied.info().time(i), 1e-12);
      }
      FrameBlock v = varied.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
      FrameBlock t = truth.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
      int w = 15;
      for (int i = 0; i < 5; i++) {
        // Explicit velocity steps [0,1,2]: absent at frames 3 and 4.
        assertEquals(i < 3, v.has(Field.VELOCITY, i), "velocity at " + i);
        // Fixed force step 1 with offset 1: absent at frame 0.
        assertEquals(i >= 1, v.has(Field.FORCE, i), "force at " + i);
        assertTrue(v.has(Field.POSITION, i));
        for (int k = 0; k < w; k++) {
          assertEquals(t.values(Field.POSITION)[i * w + k], v.values(Field.POSITION)[i * w + k]);
          if (i < 3) {
            assertEquals(t.values(Field.VELOCITY)[i * w + k], v.values(Field.VELOCITY)[i * w + k]);
          } else {
            assertTrue(Float.isNaN(v.values(Field.VELOCITY)[i * w + k]), "never another frame's velocity");
          }
          if (i >= 1) {
            assertEquals(t.values(Field.FORCE)[i * w + k], v.values(Field.FORCE)[i * w + k]);
          } else {
            assertTrue(Float.isNaN(v.values(Field.FORCE)[k]));
          }
        }
      }
      // A strided subset hits the same samples.
      FrameBlock s = varied.read(new FrameRange(1, 5, 2), AtomSelection.of(4, 1), EnumSet.of(Field.FORCE, Field.VELOCITY));
      assertTrue(s.has(Field.VELOCITY, 0) && !s.has(Field.VELOCITY, 1));
      assertEquals(t.values(Field.FORCE)[3 * w + 4 * 3 + 2], s.values(Field.FORCE)[6 + 3 + 2]);
      assertTrue(varied.info().observables().containsAll(List.of("obsv1", "obsv2", "obsv3", "trajectory/obsv1")),
          varied.info().observables().toString());
    }
  }

  @Test
  void missingH5mdGroupIsAClearError() {
    FormatException e = assertThrows(FormatException.class, () -> open("MISSING_H5MD_GROUP").close());
    assertTrue(e.getMessage().contains("H5MD file must contain an 'h5md' group"), e.getMessage());
    assertTrue(e.getMessage().contains("COORDINATES_MISSING_H5MD_GROUP_ZARRMD.zarrmd"), e.getMessage());
  }

  @Test
  void missingTimeIsReadableWithoutTimes() throws IOException {
    try (TrajectoryReader r = open("MISSING_TIME_DSET"); TrajectoryReader truth = open("SYNTHETIC")) {
      // position/velocity/force have no time; box/edges still has one at the same steps.
      assertTrue(r.info().hasTime());
      assertEquals(5, r.info().frames());
      FrameBlock b = r.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.BOX));
      FrameBlock t = truth.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.BOX));
      assertEquals(java.util.Arrays.toString(t.values(Field.POSITION)), java.util.Arrays.toString(b.values(Field.POSITION)));
      assertEquals(2.0, b.time(2));
      assertEquals(2, b.step(2));
    }
  }
}
