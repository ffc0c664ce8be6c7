package io.trajstream.h5md.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the builder writes are read by h5py (HDF5 itself) with the values written. */
class HdfFileBuilderTest {
  @TempDir Path dir;

  private static final String DUMP = String.join("\n",
      "import sys, json, h5py, numpy as np",
      "out = {}",
      "def visit(name, obj):",
      "    e = {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in obj.attrs.items()}",
      "    e = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in e.items()}",
      "    if isinstance(obj, h5py.Dataset):",
      "        e['__shape'] = list(obj.shape)",
      "        e['__chunks'] = list(obj.chunks) if obj.chunks else None",
      "        e['__filters'] = [obj.compression, obj.compression_opts, bool(obj.shuffle)]",
      "        e['__sum'] = float(np.asarray(obj[()], dtype='f8').sum())",
      "        e['__first'] = float(np.asarray(obj[()], dtype='f8').ravel()[0]) if obj.size else None",
      "        e['__last'] = float(np.asarray(obj[()], dtype='f8').ravel()[-1]) if obj.size else None",
      "    out[name] = e",
      "with h5py.File(sys.argv[1], 'r') as f:",
      "    out['/'] = {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in f.attrs.items()}",
      "    f.visititems(visit)",
      "print(json.dumps(out, sort_keys=True))");

  private String dump(Path file) throws Exception {
    TestEnvironment.requirePython("h5py", "numpy");
    return TestEnvironment.python(DUMP, file.toString()).trim();
  }

  @Test
  void h5pyReadsGroupsDatasetsAndAttributes() throws Exception {
    for (HdfFilters filters : List.of(HdfFilters.NONE, new HdfFilters(4, false), new HdfFilters(6, true))) {
      Path f = dir.resolve("t" + filters.label() + ".h5");
      HdfFileBuilder b = HdfFileBuilder.create(f);
      b.group("h5md").attribute("version", new int[] {1, 1});
      b.group("h5md/author").attribute("name", "Ä. Author");
      HdfDataset v = b.chunked("particles/all/position/value", HdfType.FLOAT32, new long[] {5, 3}, 3, filters);
      v.attribute("unit", "nm");
      b.group("particles/all/box").attribute("boundary", List.of("periodic", "none", "periodic")).attribute("dimension", 3);
      HdfDataset s = b.chunked("particles/all/position/step", HdfType.INT64, new long[0], 4, filters);
      int frames = 200; // 67 chunks of 3 rows: a B-tree of two levels
      float[] pos = new float[frames * 15];
      long[] steps = new long[frames];
      double sum = 0;
      for (int i = 0; i < pos.length; i++) {
        pos[i] = i * 0.5f;
        sum += pos[i];
      }
      for (int i = 0; i < frames; i++) {
        steps[i] = 10L * i;
      }
      v.appendFloats(pos, 0, 7);
      v.appendFloats(pos, 7 * 15, frames - 7);
      s.appendLongs(steps);
      b.contiguous("observables/n/value", HdfType.FLOAT64, new long[0],
          java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(2.5).array());
      b.finish();
      String out = dump(f);
      assertEquals(true, out.contains("\"h5md\": {\"version\": [1, 1]}"), out);
      assertEquals(true, out.contains("\"name\": \"\\u00c4. Author\""), out);
      assertEquals(true, out.contains("\"__shape\": [200, 5, 3]"), out);
      assertEquals(true, out.contains("\"__sum\": " + sum), out + " sum " + sum);
      assertEquals(true, out.contains("\"boundary\": [\"periodic\", \"none\", \"periodic\"]"), out);
      assertEquals(true, out.contains("\"__sum\": 2.5"), out);
      assertEquals(true, out.contains("\"__last\": 1990.0"), out);
    }
  }

  @Test
  void aChunkIndexOfThreeLevelsIsReadByH5py() throws Exception {
    // 4200 one-row chunks: 66 leaves, 2 nodes above them, one root
    Path f = dir.resolve("deep.h5");
    HdfFileBuilder b = HdfFileBuilder.create(f, 3); // chunks compressed on three threads, stored in row order
    HdfDataset d = b.chunked("x", HdfType.INT64, new long[0], 1, new HdfFilters(1, true));
    long[] v = new long[4200];
    long sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = 3L * i - 7;
      sum += v[i];
    }
    d.appendLongs(v);
    b.finish();
    TestEnvironment.requirePython("h5py", "numpy");
    String out = TestEnvironment.python(
        "import sys, h5py; x = h5py.File(sys.argv[1], 'r')['x']; print(x.shape[0], int(x[()].sum()), int(x[4199]), int(x[64]))",
        f.toString()).trim();
    assertEquals("4200 " + sum + " " + v[4199] + " " + v[64], out);
  }
}
