package io.trajstream.testkit;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.store.Store;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes trajectories with MDAnalysis's writers and reads them back with its readers, through
 * Debian's python3 (see {@link TestEnvironment}): the reference for readers of files MDAnalysis
 * knows (XTC, TRR, DCD, …). Values cross as raw little-endian arrays, in the file's units
 * (MDAnalysis's {@code convert_units=False}). Skips, or fails under CI, when MDAnalysis is missing.
 */
public final class MdAnalysisTrajectories {
  private MdAnalysisTrajectories() {}

  /**
   * What MDAnalysis read: per-frame time, step ({@code -1} when the reader gives none), lambda
   * (NaN when none), box as (a, b, c, alpha, beta, gamma) (NaN where a frame has none), and per
   * field present anywhere its values frame-major (NaN where a frame lacks it).
   */
  public record Reference(int frames, int atoms, double[] times, long[] steps, double[] lambdas, float[] boxes,
      Map<Field, float[]> fields) {
    /** The values of a per-atom field, or null when no frame has it. */
    public float[] values(Field f) {
      return fields.get(f);
    }

    /** Whether frame {@code frame} has {@code f} (for {@link Field#BOX}: a box). */
    public boolean has(Field f, int frame) {
      if (f == Field.BOX) {
        return !Float.isNaN(boxes[frame * 6]);
      }
      float[] v = fields.get(f);
      return v != null && atoms > 0 && !Float.isNaN(v[frame * atoms * 3]);
    }
  }

  /**
   * Writes frames {@code 0..n-1} of {@code block} (its positions, and velocities, forces and box
   * when it has them, with its steps and times) to {@code out} with MDAnalysis's writer for
   * {@code format} (e.g. {@code XTC}); {@code writerKwargsJson} is a JSON object of extra writer
   * arguments, e.g. {@code {"precision": 5}}.
   */
  public static void write(Path out, String format, FrameBlock block, String writerKwargsJson) throws IOException {
    TestEnvironment.requirePython("MDAnalysis", "numpy");
    Path dir = Files.createTempDirectory("mda-write");
    try {
      int n = block.frameCount();
      Files.writeString(dir.resolve("meta.txt"), n + " " + block.atomCount() + "\n");
      for (Field f : block.fields()) {
        writeFloats(dir.resolve(f.key() + ".f4"), block.values(f));
      }
      ByteBuffer steps = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer times = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        steps.putLong(block.step(i));
        times.putDouble(block.time(i));
      }
      Files.write(dir.resolve("step.i8"), steps.array());
      Files.write(dir.resolve("time.f8"), times.array());
      TestEnvironment.python(TestEnvironment.bundledScript("mda_write.py"), dir.toString(), out.toString(), format,
          writerKwargsJson == null ? "{}" : writerKwargsJson);
    } finally {
      deleteTree(dir);
    }
  }

  /** Reads {@code file} with MDAnalysis's reader for {@code format} (e.g. {@code XTC}). */
  public static Reference read(Path file, String format) throws IOException {
    TestEnvironment.requirePython("MDAnalysis", "numpy");
    Path dir = Files.createTempDirectory("mda-read");
    try {
      TestEnvironment.python(TestEnvironment.bundledScript("mda_dump.py"), file.toString(), format, dir.toString());
      String[] meta = Files.readString(dir.resolve("meta.txt")).trim().split("\\s+");
      int frames = Integer.parseInt(meta[0]);
      int atoms = Integer.parseInt(meta[1]);
      Map<Field, float[]> fields = new EnumMap<>(Field.class);
      for (Field f : new Field[] {Field.POSITION, Field.VELOCITY, Field.FORCE}) {
        Path p = dir.resolve(f.key() + ".f4");
        if (Files.exists(p)) {
          fields.put(f, readFloats(p));
        }
      }
      ByteBuffer s = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("step.i8"))).order(ByteOrder.LITTLE_ENDIAN);
      long[] steps = new long[frames];
      s.asLongBuffer().get(steps);
      return new Reference(frames, atoms, readDoubles(dir.resolve("time.f8")), steps,
          readDoubles(dir.resolve("lambda.f8")), readFloats(dir.resolve("box.f4")), fields);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Writes {@code block} with MDAnalysis's writer for {@code format} (as {@link #write}) and stores
   * the file's bytes as {@code key} of {@code store}: how a read-only format's contract test puts
   * its synthetic trajectory in place.
   */
  public static void writeTo(Store store, String key, String format, FrameBlock block, String writerKwargsJson)
      throws IOException {
    Path dir = Files.createTempDirectory("mda-store");
    try {
      Path file = dir.resolve("written." + format.toLowerCase(java.util.Locale.ROOT));
      write(file, format, block, writerKwargsJson);
      store.write(key, Files.readAllBytes(file));
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * A golden file for {@link AbstractFormatContractTest}: a small trajectory (31 atoms, 5 frames,
   * positions and box) written by MDAnalysis's writer for {@code format} into a temporary
   * directory, with its positions as {@link #golden(String, Path, String)} reads them.
   */
  public static AbstractFormatContractTest.GoldenFile writtenGolden(String format, String writerKwargsJson)
      throws IOException {
    Path dir = Files.createTempDirectory("mda-golden");
    dir.toFile().deleteOnExit();
    Path file = dir.resolve("mda." + format.toLowerCase(java.util.Locale.ROOT));
    file.toFile().deleteOnExit();
    SyntheticTrajectory syn = SyntheticTrajectory.builder().atoms(31).frames(5).seed(11)
        .fields(java.util.EnumSet.of(Field.POSITION, Field.BOX)).build();
    write(file, format, syn.block(0, syn.frames()), writerKwargsJson);
    return golden("MDAnalysis " + format, file, format);
  }

  /**
   * A golden file for {@link AbstractFormatContractTest}: {@code file} (written by another tool) as
   * MDAnalysis's reader for {@code format} reads it (in the file's own units, see {@link #read}),
   * the positions of its first, middle and last atoms in every frame.
   */
  public static AbstractFormatContractTest.GoldenFile golden(String name, Path file, String format) throws IOException {
    Reference ref = read(file, format);
    float[] p = ref.values(Field.POSITION);
    Map<Integer, Map<Integer, float[]>> positions = new java.util.TreeMap<>();
    for (int f = 0; f < ref.frames(); f++) {
      Map<Integer, float[]> atoms = new java.util.TreeMap<>();
      for (int a : new int[] {0, ref.atoms() / 2, ref.atoms() - 1}) {
        float[] xyz = new float[3];
        for (int d = 0; d < 3; d++) {
          xyz[d] = p[(f * ref.atoms() + a) * 3 + d];
        }
        atoms.put(a, xyz);
      }
      positions.put(f, atoms);
    }
    return new AbstractFormatContractTest.GoldenFile(name, new io.trajstream.store.FileStore(file.getParent()),
        file.getFileName().toString(), ref.atoms(), ref.frames(), positions);
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    Files.write(file, b.array());
  }

  private static float[] readFloats(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / 4];
    b.asFloatBuffer().get(v);
    return v;
  }

  private static double[] readDoubles(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(v);
    return v;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
