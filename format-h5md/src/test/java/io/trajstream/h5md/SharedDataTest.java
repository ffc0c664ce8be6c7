package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.Units;
import io.trajstream.h5md.index.Json;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every H5MD file of the shared peer data reads as EXPECTED.json (MDAnalysis 2.4.2) says. */
class SharedDataTest {
  private static Path data;
  private static Map<?, ?> expected;
  private final H5mdFormat format = new H5mdFormat();

  @BeforeAll
  static void load() throws Exception {
    data = TestEnvironment.requireSharedData();
    expected = (Map<?, ?>) Json.parse(Files.readString(data.resolve("EXPECTED.json")));
  }

  static TrajectoryReader open(String rel) throws Exception {
    return new H5mdFormat().open(new FileStore(data), rel, ReadOptions.defaults().with("index", "none"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cobrotoxin", "coordinates_test", "zarrtraj_synthetic_h5md"})
  void readsAsMdAnalysis(String name) throws Exception {
    Map<?, ?> e = (Map<?, ?>) expected.get(name);
    try (TrajectoryReader r = open((String) e.get("trajectory"))) {
      TrajectoryInfo info = r.info();
      assertEquals(((Number) e.get("atoms")).intValue(), info.atoms());
      assertEquals(((Number) e.get("frames")).intValue(), info.frames());
      List<?> times = (List<?>) e.get("time");
      int[] probe = ((List<?>) e.get("probe_atoms")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
      FrameBlock all = r.read(FrameRange.of(0, info.frames()), AtomSelection.of(probe), EnumSet.allOf(Field.class));
      FrameBlock md = Units.toMdAnalysis(all, info);
      for (Object fo : (List<?>) e.get("frames_detail")) {
        Map<?, ?> f = (Map<?, ?>) fo;
        int i = ((Number) f.get("frame")).intValue();
        assertEquals(((Number) f.get("step")).longValue(), md.step(i), "step of frame " + i);
        assertEquals(((Number) times.get(i)).doubleValue(), md.time(i), 1e-4, "time of frame " + i);
        compare(f.get("positions"), md, Field.POSITION, i, 1e-4);
        compare(f.get("velocities"), md, Field.VELOCITY, i, 1e-4);
        compare(f.get("forces"), md, Field.FORCE, i, 1e-3);
        List<?> dims = (List<?>) f.get("dimensions");
        float[] box = md.box(i);
        assertNotNull(box, "box of frame " + i);
        for (int k = 0; k < 6; k++) {
          assertEquals(((Number) dims.get(k)).doubleValue(), box[k], 1e-3, "box[" + k + "] of frame " + i);
        }
      }
    }
  }

  private static void compare(Object exp, FrameBlock md, Field field, int frame, double tol) {
    List<?> rows = (List<?>) exp;
    assertTrue(md.has(field, frame), field + " present at frame " + frame);
    float[] v = md.require(field);
    for (int a = 0; a < rows.size(); a++) {
      List<?> xyz = (List<?>) rows.get(a);
      for (int k = 0; k < 3; k++) {
        double want = ((Number) xyz.get(k)).doubleValue();
        double got = v[md.frameOffset(frame) + a * 3 + k];
        assertEquals(want, got, tol * Math.max(1, Math.abs(want)), field + " frame " + frame + " atom " + a + " [" + k + "]");
      }
    }
  }

  @Test
  void variedStepsFollowZarrtrajSemantics() throws Exception {
    try (TrajectoryReader r = open("zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md")) {
      TrajectoryInfo info = r.info();
      assertEquals(5, info.frames());
      assertArrayEquals(new long[] {0, 1, 2, 3, 4}, info.steps());
      FrameBlock b = r.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
      for (int i = 0; i < 5; i++) {
        assertTrue(b.has(Field.POSITION, i));
        assertEquals(i <= 2, b.has(Field.VELOCITY, i), "velocity at frame " + i);
        assertEquals(i >= 1, b.has(Field.FORCE, i), "force at frame " + i);
        assertTrue(b.has(Field.BOX, i));
        assertEquals(i, b.time(i), 1e-9);
      }
      // absent samples are NaN, never another frame's values
      assertTrue(Float.isNaN(b.require(Field.FORCE)[0]));
      assertTrue(Float.isNaN(b.require(Field.VELOCITY)[b.frameOffset(3)]));
      // force row k (step k+1) is frame k+1: same values as the synthetic file's force at that frame
      try (TrajectoryReader syn = open("zarrtraj/COORDINATES_SYNTHETIC_H5MD.h5md")) {
        FrameBlock s = syn.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
        for (int i = 1; i < 5; i++) {
          for (int k = 0; k < 15; k++) {
            assertEquals(s.require(Field.POSITION)[s.frameOffset(i) + k], b.require(Field.POSITION)[b.frameOffset(i) + k]);
          }
        }
      }
      assertTrue(info.observables().containsAll(List.of("obsv1", "obsv2", "obsv3", "trajectory/obsv1", "occupancy")),
          info.observables().toString());
    }
  }

  @Test
  void missingTimeStillReads() throws Exception {
    try (TrajectoryReader r = open("zarrtraj/COORDINATES_MISSING_TIME_DSET_H5MD.h5md")) {
      assertEquals(5, r.info().frames());
      FrameBlock b = r.read(FrameRange.of(0, 5), AtomSelection.all(), EnumSet.allOf(Field.class));
      assertTrue(b.has(Field.VELOCITY, 4));
      assertEquals(36f, b.require(Field.POSITION)[b.frameOffset(2) + 9], "atom 3 x at frame 2: (3*3)*2^2");
    }
  }

  @Test
  void missingH5mdGroupIsAClearError() {
    FormatException e = assertThrows(FormatException.class, () -> open("zarrtraj/COORDINATES_MISSING_H5MD_GROUP_H5MD.h5md"));
    assertTrue(e.getMessage().contains("COORDINATES_MISSING_H5MD_GROUP_H5MD.h5md"), e.getMessage());
    assertTrue(e.getMessage().contains("'h5md' group"), e.getMessage());
  }

  @Test
  void malformedObservableIsAClearError() {
    FormatException e = assertThrows(FormatException.class, () -> open("mdanalysis/cu_malformed.h5md"));
    assertTrue(e.getMessage().contains("cu_malformed.h5md: observables/energy"), e.getMessage());
  }

  @Test
  void cuReadsPositionsInFemtosecondTime() throws Exception {
    try (TrajectoryReader r = open("mdanalysis/cu.h5md")) {
      TrajectoryInfo info = r.info();
      assertEquals(108, info.atoms());
      assertEquals(20, info.frames());
      assertEquals("fs", info.timeUnit());
      assertEquals("atoms", info.particleGroup());
      assertTrue(info.has(Field.POSITION));
      assertFalse(info.has(Field.VELOCITY), "momentum is not velocity");
      assertEquals(10, info.framesPerChunk(Field.POSITION));
    }
  }
}
