package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index beside a file that was rewritten afterwards is ignored with a warning, and the file is
 * read itself: never the index's data.
 */
class StaleIndexTest {
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Interop.make(dir, "mda_100_frames", "mda_100_frames_chunk10", "mda_chunk1");
  }

  /** Opens {@code key} and reads frame 5, capturing what the open printed on stderr. */
  private static Object[] openAndRead(FileStore fs, String key) throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (TrajectoryReader r = new H5mdFormat().open(fs, key, ReadOptions.defaults())) {
      System.setErr(old);
      FrameBlock b = r.read(FrameRange.single(5), AtomSelection.of(0), EnumSet.of(Field.POSITION));
      return new Object[] {r.info(), b, err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(old);
    }
  }

  private static float[] expected(String name, int frame, int atoms) throws Exception {
    float[] all = Interop.values(dir, name, "position");
    return java.util.Arrays.copyOfRange(all, frame * atoms * 3, frame * atoms * 3 + 3);
  }

  @Test
  void aFileRewrittenWithAnotherLengthIsReadItself() throws Exception {
    FileStore fs = new FileStore(dir);
    fs.write("run.h5md", fs.readAll("mda_100_frames.h5md"));
    new KerchunkIndexWriter().writeBeside(fs, "run.h5md", dir.resolve("run.h5md").toUri().toString());
    Object[] fresh = openAndRead(fs, "run.h5md");
    assertTrue(((io.trajstream.format.TrajectoryInfo) fresh[0]).attributes().containsKey("index"), "the fresh index is used");
    assertEquals("", fresh[2]);

    // rewritten: another trajectory of the same shape, gzip chunks, so another length
    byte[] other = fs.readAll("mda_100_frames_chunk10.h5md");
    assertNotEquals(Files.size(dir.resolve("run.h5md")), other.length);
    fs.write("run.h5md", other);
    Object[] got = openAndRead(fs, "run.h5md");
    io.trajstream.format.TrajectoryInfo info = (io.trajstream.format.TrajectoryInfo) got[0];
    assertFalse(info.attributes().containsKey("index"), "the stale index is not used");
    assertTrue(info.attributes().get("index.ignored").contains("bytes"), info.attributes().toString());
    String warning = (String) got[2];
    assertTrue(warning.startsWith("trajstream: warning: ") && warning.contains("run.h5md.refs.json is out of date"), warning);
    assertEquals(1, warning.lines().count(), warning);
    assertArrayEquals(expected("mda_100_frames_chunk10", 5, 1000), ((FrameBlock) got[1]).positions());
  }

  @Test
  void aFileRewrittenWithTheSameLengthIsToldByItsModificationTime() throws Exception {
    FileStore fs = new FileStore(dir);
    Path file = dir.resolve("same.h5md");
    fs.write("same.h5md", fs.readAll("mda_chunk1.h5md"));
    new KerchunkIndexWriter().writeBeside(fs, "same.h5md", file.toUri().toString());
    long[] steps;
    try (TrajectoryReader r = new H5mdFormat().open(fs, "same.h5md", ReadOptions.defaults())) {
      assertTrue(r.info().attributes().containsKey("index"));
      steps = r.info().steps();
    }
    // the same layout with other steps: the index inlines the step dataset, so only it would be stale
    long stepAt;
    try (var in = fs.newInput("same.h5md");
        H5mdFormat.MetadataSession s = H5mdFormat.MetadataSession.open(in, "x", ReadOptions.defaults().with("index", "none"))) {
      var step = s.root().dataset("particles/trajectory/position/step");
      assertEquals(1, step.chunks().size(), "one step chunk");
      stepAt = step.chunks().values().iterator().next().offset();
      assertEquals('i', step.kind().kind());
      assertEquals(4, step.kind().size());
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < steps.length; i++) {
      int at = (int) stepAt + 4 * i;
      b.putInt(at, b.getInt(at) + 1000);
    }
    FileTime before = Files.getLastModifiedTime(file);
    fs.write("same.h5md", bytes);
    // file systems stamp times coarsely: make sure the rewrite shows as a later time, as it would seconds later
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    Object[] got = openAndRead(fs, "same.h5md");
    io.trajstream.format.TrajectoryInfo info = (io.trajstream.format.TrajectoryInfo) got[0];
    assertTrue(info.attributes().get("index.ignored").contains("version mtime:"), info.attributes().toString());
    for (int i = 0; i < steps.length; i++) {
      assertEquals(steps[i] + 1000, info.step(i), "step of frame " + i);
    }
  }
}
