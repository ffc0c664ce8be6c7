package io.trajstream.h5md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.Probe;
import io.trajstream.format.TrajectoryFormat;
import io.trajstream.h5md.index.Json;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.testkit.AbstractFormatContractTest;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The testkit format contract (golden files: the shared peer data), plus the HDF5 probe. */
class H5mdFormatContractTest extends AbstractFormatContractTest {
  @Override
  protected TrajectoryFormat format() {
    return new H5mdFormat();
  }

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  /** H5MD has no writer here: the synthetic trajectory is written by h5py (gzip + shuffle, 4-frame chunks). */
  @Override
  protected void writeSynthetic(Store store, String key, SyntheticTrajectory syn) throws IOException {
    TestEnvironment.requirePython("h5py", "numpy");
    Path dir = Files.createTempDirectory("h5md-synthetic");
    try {
      FrameBlock all = syn.block(0, syn.frames());
      for (Field f : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
        writeFloats(dir.resolve(f.key()), all.values(f));
      }
      float[] edges = new float[syn.frames() * 3];
      for (int i = 0; i < syn.frames(); i++) {
        System.arraycopy(all.box(i), 0, edges, i * 3, 3);
      }
      writeFloats(dir.resolve("box"), edges);
      ByteBuffer steps = ByteBuffer.allocate(8 * syn.frames()).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer times = ByteBuffer.allocate(8 * syn.frames()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < syn.frames(); i++) {
        steps.putLong(all.step(i));
        times.putDouble(all.time(i));
      }
      Files.write(dir.resolve("step"), steps.array());
      Files.write(dir.resolve("time"), times.array());
      Path out = dir.resolve("out.h5md");
      TestEnvironment.python(Interop.script("write_synthetic.py"), dir.toString(), out.toString(),
          Integer.toString(syn.frames()), Integer.toString(syn.atoms()), "4");
      store.write(key, Files.readAllBytes(out));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    Files.write(file, b.array());
  }

  @Override
  protected List<GoldenFile> goldenFiles() throws IOException {
    Path data = TestEnvironment.requireSharedData();
    Map<?, ?> expected = (Map<?, ?>) Json.parse(Files.readString(data.resolve("EXPECTED.json")));
    List<GoldenFile> out = new ArrayList<>();
    // EXPECTED.json is in Angstrom; cobrotoxin stores nm
    Map<String, Double> toFileUnits = Map.of("cobrotoxin", 0.1, "coordinates_test", 1.0, "zarrtraj_synthetic_h5md", 1.0);
    for (Map.Entry<String, Double> e : toFileUnits.entrySet()) {
      Map<?, ?> m = (Map<?, ?>) expected.get(e.getKey());
      List<?> probe = (List<?>) m.get("probe_atoms");
      Map<Integer, Map<Integer, float[]>> positions = new LinkedHashMap<>();
      for (Object fo : (List<?>) m.get("frames_detail")) {
        Map<?, ?> f = (Map<?, ?>) fo;
        Map<Integer, float[]> atoms = new LinkedHashMap<>();
        List<?> rows = (List<?>) f.get("positions");
        for (int a = 0; a < rows.size(); a++) {
          List<?> xyz = (List<?>) rows.get(a);
          float[] v = new float[3];
          for (int k = 0; k < 3; k++) {
            v[k] = (float) (((Number) xyz.get(k)).doubleValue() * e.getValue());
          }
          atoms.put(((Number) probe.get(a)).intValue(), v);
        }
        positions.put(((Number) f.get("frame")).intValue(), atoms);
      }
      out.add(new GoldenFile(e.getKey(), new FileStore(data), (String) m.get("trajectory"),
          ((Number) m.get("atoms")).intValue(), ((Number) m.get("frames")).intValue(), positions));
    }
    return out;
  }

  @Test
  void probeFindsTheSignatureAtPowersOfTwo() throws IOException {
    MemoryStore store = new MemoryStore();
    byte[] file = new byte[4096];
    System.arraycopy(H5mdFormat.SIGNATURE, 0, file, 1024, 8);
    store.write("ub.h5", file);
    store.write("junk.bin", new byte[5000]);
    store.write("tiny", new byte[3]);
    Optional<Probe> p = format().probe(store, "ub.h5");
    assertTrue(p.isPresent());
    assertEquals("HDF5 signature at 1024", p.get().evidence());
    assertTrue(format().probe(store, "junk.bin").isEmpty());
    assertTrue(format().probe(store, "tiny").isEmpty());
    assertTrue(format().probe(store, "missing").isEmpty());
  }
}
