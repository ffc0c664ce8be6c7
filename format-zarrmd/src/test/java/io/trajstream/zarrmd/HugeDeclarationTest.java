package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.store.FileStore;
import io.trajstream.zarr.ArrayMetadata;
import io.trajstream.zarr.DataType;
import io.trajstream.zarr.Json;
import io.trajstream.zarr.ZarrArray;
import io.trajstream.zarr.ZarrGroup;
import io.trajstream.zarr.ZarrHierarchy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legal zarrmd may declare far more than fits in memory: 10^9 frames of 10^6 atoms with fixed
 * (scalar) step and time, of which only chunk 0 is stored. It opens and its first and last frames
 * read (stored values, and the fill value of missing chunks) in a JVM with a 64 MiB heap: steps and
 * times are computed, not materialised, and a missing chunk costs no chunk-sized buffer. Malformed
 * or oversized declarations fail with a {@link FormatException} naming the object.
 */
class HugeDeclarationTest {
  static final int FRAMES = 1_000_000_000;
  static final int ATOMS = 1_000_000;
  static final long STEP_OFFSET = 100;
  static final long STEP_EVERY = 50;
  static final double TIME_OFFSET = 0.5;
  static final double TIME_EVERY = 0.1;
  static final float VELOCITY_FILL = -1.25f;

  @TempDir Path tmp;

  /** Writes the store: position chunk 0 stored (when {@code chunkZero}), every velocity chunk missing. */
  static float[] writeStore(Path dir, boolean chunkZero) throws IOException {
    ZarrHierarchy h = ZarrHierarchy.create(new FileStore(dir));
    Map<String, Object> blosc = Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0);
    float[] frame0 = null;
    for (String field : List.of("position", "velocity")) {
      String p = "particles/trajectory/" + field;
      float fill = field.equals("velocity") ? VELOCITY_FILL : 0f;
      ArrayMetadata vm = ArrayMetadata.of(new long[] {FRAMES, ATOMS, 3}, new int[] {1, ATOMS, 3}, DataType.FLOAT32, (double) fill, blosc);
      ZarrArray value = ZarrArray.create(h, p + "/value", vm, Json.MAPPER.createObjectNode().put("unit", "nm"));
      if (field.equals("position") && chunkZero) {
        frame0 = new float[ATOMS * 3];
        SplittableRandom rnd = new SplittableRandom(42);
        ByteBuffer bytes = ByteBuffer.allocate(frame0.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frame0.length; i++) {
          frame0[i] = (float) rnd.nextDouble(-5, 5);
          bytes.putFloat(frame0[i]);
        }
        value.writeChunk(new long[] {0, 0, 0}, bytes.array());
      }
      scalar(h, p + "/step", DataType.INT64, STEP_EVERY, Json.MAPPER.createObjectNode().put("offset", STEP_OFFSET));
      scalar(h, p + "/time", DataType.FLOAT64, TIME_EVERY, Json.MAPPER.createObjectNode().put("offset", TIME_OFFSET).put("unit", "ps"));
      ZarrGroup.create(h, p, null);
    }
    ZarrGroup.create(h, "particles/trajectory", null);
    ZarrGroup.create(h, "particles", null);
    ZarrGroup.create(h, "h5md", Json.MAPPER.createObjectNode().set("version", Json.toTree(List.of(1, 1))));
    ZarrGroup.create(h, "", null);
    h.consolidate();
    return frame0;
  }

  private static void scalar(ZarrHierarchy h, String path, DataType type, double v, ObjectNode attrs) throws IOException {
    ZarrArray a = ZarrArray.create(h, path, ArrayMetadata.of(new long[0], new int[0], type, 0L, null), attrs);
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    if (type.kind() == DataType.Kind.FLOAT) {
      b.putDouble(v);
    } else {
      b.putLong((long) v);
    }
    a.writeChunk(new long[0], b.array());
  }

  /** Runs in the child JVM: opens the store, prints its info and checks of frames 0 and the last. */
  public static void main(String[] args) throws Exception {
    try (TrajectoryReader r = new ZarrmdFormat().open(new FileStore(Path.of(args[0])), "", ReadOptions.defaults())) {
      TrajectoryInfo info = r.info();
      int last = info.frames() - 1;
      System.out.println("frames " + info.frames() + " atoms " + info.atoms());
      System.out.println("steps " + info.step(0) + " " + info.step(last));
      System.out.println("times " + info.time(0) + " " + info.time(last));
      for (int frame : new int[] {0, last}) {
        FrameBlock b = r.read(FrameRange.single(frame), AtomSelection.all(), EnumSet.of(Field.POSITION, Field.VELOCITY));
        System.out.println("frame " + frame + " position " + digest(b.values(Field.POSITION)) + " velocity "
            + digest(b.values(Field.VELOCITY)));
      }
      System.out.println("heap " + Runtime.getRuntime().maxMemory());
    }
  }

  /** Sum, first and last value: enough to tell stored values, fill values and zeros apart. */
  static String digest(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x;
    }
    return v.length + ":" + sum + ":" + v[0] + ":" + v[v.length - 1];
  }

  private List<String> runChild(Path store) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        HugeDeclarationTest.class.getName(), store.toString()));
    Path out = tmp.resolve("child.out");
    Path err = tmp.resolve("child.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish");
    }
    String stderr = Files.readString(out.resolveSibling("child.err"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "child failed:\n" + stderr + Files.readString(out));
    assertFalse(stderr.contains("OutOfMemoryError"), stderr);
    return Files.readAllLines(out);
  }

  @Test
  void billionFramesOpenAndReadInSixtyFourMegabytes() throws Exception {
    Path store = tmp.resolve("huge.zarrmd");
    float[] frame0 = writeStore(store, true);
    List<String> lines = runChild(store);
    long lastStep = STEP_OFFSET + (FRAMES - 1L) * STEP_EVERY;
    double lastTime = TIME_OFFSET + (FRAMES - 1) * TIME_EVERY;
    float[] fill = new float[ATOMS * 3];
    java.util.Arrays.fill(fill, VELOCITY_FILL);
    float[] zeros = new float[ATOMS * 3];
    assertEquals(List.of(
        "frames " + FRAMES + " atoms " + ATOMS,
        "steps " + STEP_OFFSET + " " + lastStep,
        "times " + TIME_OFFSET + " " + lastTime,
        "frame 0 position " + digest(frame0) + " velocity " + digest(fill),
        "frame " + (FRAMES - 1) + " position " + digest(zeros) + " velocity " + digest(fill)),
        lines.subList(0, 5));
    long heap = Long.parseLong(lines.get(5).substring("heap ".length()));
    assertTrue(heap <= 64L << 20, "the child ran with at most 64 MiB of heap, had " + heap);
  }

  @Test
  void missingFirstChunkReadsAsFillValue() throws Exception {
    Path store = tmp.resolve("empty.zarrmd");
    writeStore(store, false);
    List<String> lines = runChild(store);
    float[] fill = new float[ATOMS * 3];
    java.util.Arrays.fill(fill, VELOCITY_FILL);
    float[] zeros = new float[ATOMS * 3];
    assertEquals("frame 0 position " + digest(zeros) + " velocity " + digest(fill), lines.get(3));
  }

  /** Rewrites one metadata document of a store (its consolidated copy too). */
  private static void edit(Path dir, String key, java.util.function.Consumer<ObjectNode> change) throws IOException {
    ObjectNode doc = (ObjectNode) Json.parse(Files.readAllBytes(dir.resolve(key)));
    change.accept(doc);
    Files.write(dir.resolve(key), Json.write(doc));
    ObjectNode cons = (ObjectNode) Json.parse(Files.readAllBytes(dir.resolve(".zmetadata")));
    ((ObjectNode) cons.get("metadata")).set(key, doc);
    Files.write(dir.resolve(".zmetadata"), Json.write(cons));
  }

  private FormatException openFails(Path store) {
    return assertThrows(FormatException.class, () -> {
      try (TrajectoryReader r = new ZarrmdFormat().open(new FileStore(store), "", ReadOptions.defaults())) {
        r.read(FrameRange.single(0), AtomSelection.all(), EnumSet.of(Field.POSITION));
      }
    });
  }

  @Test
  void explicitStepsOfABillionFramesAreRefusedBeforeAllocation() throws Exception {
    Path store = tmp.resolve("explicit.zarrmd");
    writeStore(store, false);
    String key = "particles/trajectory/position/step/.zarray";
    edit(store, key, d -> {
      d.putArray("shape").add(FRAMES);
      d.putArray("chunks").add(1 << 16);
    });
    FormatException e = openFails(store);
    assertTrue(e.getMessage().contains("particles/trajectory/position/step") && e.getMessage().contains("at once"), e.getMessage());
  }

  @Test
  void malformedShapeNamesTheArray() throws Exception {
    Path store = tmp.resolve("malformed.zarrmd");
    writeStore(store, false);
    edit(store, "particles/trajectory/position/value/.zarray", d -> d.putArray("shape").add(1.5).add(ATOMS).add(3));
    FormatException e = openFails(store);
    assertTrue(e.getMessage().contains("particles/trajectory/position/value") && e.getMessage().contains("shape"), e.getMessage());
  }

  @Test
  void chunkOfManyGigabytesIsRefusedBeforeAllocation() throws Exception {
    Path store = tmp.resolve("bigchunk.zarrmd");
    writeStore(store, true);
    // Chunk 0 now declares 1000 frames of 10^6 atoms (12 GB): refused before any buffer is made.
    edit(store, "particles/trajectory/position/value/.zarray", d -> d.putArray("chunks").add(1000).add(ATOMS).add(3));
    FormatException e = openFails(store);
    assertTrue(e.getMessage().contains("particles/trajectory/position/value"), e.getMessage());
  }

  @Test
  void storedChunkDeclaringMoreThanItsShapeIsRefused() throws Exception {
    Path store = tmp.resolve("liar.zarrmd");
    writeStore(store, true);
    // The chunk shape shrinks to 10 atoms while the stored Blosc frame still declares 12 MB.
    edit(store, "particles/trajectory/position/value/.zarray", d -> {
      d.putArray("shape").add(FRAMES).add(10).add(3);
      d.putArray("chunks").add(1).add(10).add(3);
    });
    edit(store, "particles/trajectory/velocity/value/.zarray", d -> {
      d.putArray("shape").add(FRAMES).add(10).add(3);
      d.putArray("chunks").add(1).add(10).add(3);
    });
    FormatException e = openFails(store);
    assertTrue(e.getMessage().contains("particles/trajectory/position/value") && e.getMessage().contains("chunk"), e.getMessage());
  }
}
