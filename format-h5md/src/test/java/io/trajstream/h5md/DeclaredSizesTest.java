package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.StepSeries;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.h5md.index.Json;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legal files that declare far more than they store (written by h5py): nothing is allocated from a
 * declared size before it is checked, steps and times of fixed-step elements are computed, and
 * elements never written read as the dataset's fill value.
 */
class DeclaredSizesTest {
  @TempDir static Path dir;
  static Map<?, ?> h5py;

  @BeforeAll
  static void write() throws Exception {
    TestEnvironment.requirePython("h5py", "numpy");
    h5py = (Map<?, ?>) Json.parse(TestEnvironment.python(TestEnvironment.bundledScript("write_declared_sizes.py"), dir.toString()).trim());
  }

  @Test
  void aBillionFixedStepFramesOfAMillionAtomsOpenAndReadInA64MiBHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    TestEnvironment.ProcessResult r = TestEnvironment.run(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        DeclaredSizeProbe.class.getName(), dir.resolve("huge_fixed.h5md").toString()), null);
    assertFalse(r.stderr().contains("OutOfMemoryError"), r.stderr());
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    // h5py reads frame 0 and the last atom of the last frame as the fill value
    List<?> frame0 = (List<?>) ((List<?>) h5py.get("frame0")).get(0);
    assertEquals(1.5, ((Number) frame0.get(0)).doubleValue());
    assertEquals(1.5, ((Number) ((List<?>) h5py.get("last")).get(2)).doubleValue());
    String expected = "frames=1000000000 atoms=1000000 step0=100 stepLast=10000000090 time0=2.0 timeLast=5.000000015E8"
        + " values=3000000 notFill=0 endAtom=[1.5,1.5,1.5] box0=10.0";
    assertEquals(expected, r.stdout().trim());
  }

  @Test
  void fixedStepsAreASeriesNotAnArray() throws Exception {
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "huge_fixed.h5md", ReadOptions.defaults())) {
      assertEquals(StepSeries.fixed(100, 10, 1_000_000_000), r.info().stepSeries());
      assertEquals(2.0 + 0.5 * 999_999_999, r.info().time(999_999_999));
    }
  }

  @Test
  void explicitStepsNeverWrittenFailBeforeAnythingIsAllocated() {
    FormatException e = assertThrows(FormatException.class,
        () -> new H5mdFormat().open(new FileStore(dir), "huge_explicit.h5md", ReadOptions.defaults()));
    assertTrue(e.getMessage().contains("huge_explicit.h5md: particles/trajectory/position/step"), e.getMessage());
    assertTrue(e.getMessage().contains("never written"), e.getMessage());
  }

  @Test
  void chunksNeverWrittenReadAsTheFillValue() throws Exception {
    float[] expected = new float[6 * 4 * 3];
    List<?> partial = (List<?>) h5py.get("partial");
    for (int i = 0; i < expected.length; i++) {
      expected[i] = ((Number) partial.get(i)).floatValue();
    }
    assertEquals(-7.25f, expected[2 * 12]);
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "fill_partial.h5md", ReadOptions.defaults())) {
      FrameBlock b = r.read(FrameRange.of(0, 6), AtomSelection.all(), EnumSet.of(Field.POSITION));
      assertArrayEquals(expected, b.positions());
      FrameBlock some = r.read(FrameRange.single(3), AtomSelection.of(1, 3), EnumSet.of(Field.POSITION));
      assertArrayEquals(new float[] {-7.25f, -7.25f, -7.25f, -7.25f, -7.25f, -7.25f}, some.positions());
      // and through an index, which records the fill value
      FileStore fs = new FileStore(dir);
      fs.write("fill_copy.h5md", fs.readAll("fill_partial.h5md"));
      new KerchunkIndexWriter().writeBeside(fs, "fill_copy.h5md", dir.resolve("fill_copy.h5md").toUri().toString());
      try (TrajectoryReader ri = new H5mdFormat().open(fs, "fill_copy.h5md", ReadOptions.defaults())) {
        assertTrue(ri.info().attributes().containsKey("index"));
        assertArrayEquals(expected, ri.read(FrameRange.of(0, 6), AtomSelection.all(), EnumSet.of(Field.POSITION)).positions());
      }
    }
  }

  @Test
  void aReadPlannedFromDeclaredChunkShapesIsCheckedBeforeItIsPlanned() throws Exception {
    try (TrajectoryReader r = new H5mdFormat().open(new FileStore(dir), "tiny_chunks.h5md", ReadOptions.defaults())) {
      assertEquals(100_000_000, r.info().atoms());
      // a few atoms read fine (as the fill value 0)
      assertArrayEquals(new float[6], r.read(FrameRange.single(9), AtomSelection.of(5, 99_999_999), EnumSet.of(Field.POSITION)).positions());
      // every atom of a frame: 10^8 chunk reads, refused with the file and dataset named
      FormatException e = assertThrows(FormatException.class,
          () -> r.read(FrameRange.single(0), AtomSelection.range(0, 9_999_999), EnumSet.of(Field.POSITION)));
      assertTrue(e.getMessage().contains("tiny_chunks.h5md: particles/trajectory/position/value: reading 1 rows in chunks of [1, 1, 3]"),
          e.getMessage());
    }
  }

  @Test
  void memoryBudgetErrorsNameTheObject() {
    FormatException e = assertThrows(FormatException.class,
        () -> io.trajstream.h5md.read.MemoryBudget.check("f.h5md", "a/b", Long.MAX_VALUE, "reading it"));
    assertInstanceOf(FormatException.class, e);
    assertTrue(e.getMessage().startsWith("f.h5md: a/b: reading it would take"), e.getMessage());
  }
}
