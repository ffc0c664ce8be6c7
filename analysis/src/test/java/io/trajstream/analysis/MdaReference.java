package io.trajstream.analysis;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Debian's MDAnalysis on the same coordinates our analyses see and returns its values: the
 * test writes the trajectory as raw float32 arrays that MDAnalysis loads into a MemoryReader (or
 * names a topology file), lists tasks, and reads back one line of numbers per result.
 */
public final class MdaReference {
  private final List<String> tasks = new ArrayList<>();

  /** Adds a task: {@code kind} (rmsd, rmsf, rg, com, msd, rdf, select, masses, resids) with JSON parameters. */
  public MdaReference task(String label, String kind, String json) {
    tasks.add(label + "\t" + kind + "\t" + json);
    return this;
  }

  /** Writes every frame of {@code reader} (positions and boxes) and {@code masses} into {@code dir}. */
  public static Path writeSystem(Path dir, TrajectoryReader reader, double[] masses) throws IOException {
    int atoms = reader.info().atoms();
    int frames = reader.info().frames();
    FrameBlock b = reader.read(FrameRange.of(0, frames), AtomSelection.all(), java.util.EnumSet.of(Field.POSITION, Field.BOX));
    ByteBuffer pos = ByteBuffer.allocate(frames * atoms * 12).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : b.positions()) {
      pos.putFloat(v);
    }
    ByteBuffer box = ByteBuffer.allocate(frames * 24).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < frames; f++) {
      float[] bx = b.box(f);
      for (int k = 0; k < 6; k++) {
        box.putFloat(bx == null ? 0f : bx[k]);
      }
    }
    ByteBuffer m = ByteBuffer.allocate(atoms * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < atoms; i++) {
      m.putDouble(masses == null ? 1.0 : masses[i]);
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("positions.f32"), pos.array());
    Files.write(dir.resolve("boxes.f32"), box.array());
    Files.write(dir.resolve("masses.f64"), m.array());
    Files.writeString(dir.resolve("meta.txt"), atoms + " " + frames);
    return dir;
  }

  /** Runs the tasks on {@code system} (a directory from {@link #writeSystem} or a topology file). */
  public Map<String, double[]> run(Path system, Path workDir) throws IOException {
    TestEnvironment.requirePython("MDAnalysis", "numpy");
    Path script = workDir.resolve("mda_reference.py");
    try (InputStream in = MdaReference.class.getResourceAsStream("mda_reference.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path taskFile = workDir.resolve("tasks.txt");
    Files.writeString(taskFile, String.join("\n", tasks) + "\n", StandardCharsets.UTF_8);
    TestEnvironment.ProcessResult r = TestEnvironment.run(
        List.of(TestEnvironment.PYTHON, script.toString(), system.toString(), taskFile.toString()), workDir);
    if (r.exitCode() != 0) {
      throw new AssertionError("MDAnalysis reference failed (exit " + r.exitCode() + "):\n" + r.stderr());
    }
    Map<String, double[]> out = new HashMap<>();
    for (String line : r.stdout().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split(" ");
      double[] v = new double[parts.length - 1];
      for (int i = 1; i < parts.length; i++) {
        v[i - 1] = Double.parseDouble(parts[i]);
      }
      out.put(parts[0], v);
    }
    return out;
  }
}
