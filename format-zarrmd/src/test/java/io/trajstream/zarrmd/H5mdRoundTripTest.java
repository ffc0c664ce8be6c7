package io.trajstream.zarrmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FormatException;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.h5md.H5mdFormat;
import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarr.codec.QuantizeCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Converts every H5MD file of the shared data to zarrmd and compares value by value: exact without
 * precision (box within float rounding of the vector conversion), within half a quantize step with
 * it.
 */
class H5mdRoundTripTest {
  /** Files that must not open (zarrtraj's and MDAnalysis's negative tests). */
  static final Set<String> MALFORMED = Set.of("cu_malformed.h5md", "COORDINATES_MISSING_H5MD_GROUP_H5MD.h5md");

  static List<Path> h5mdFiles() throws IOException {
    Path data = TestEnvironment.requireSharedData();
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(data)) {
      s.filter(p -> p.toString().endsWith(".h5md")).sorted().forEach(out::add);
    }
    return out;
  }

  @Test
  void everySharedH5mdConvertsAndComparesValueByValue() throws IOException {
    List<Path> files = h5mdFiles();
    assertTrue(files.size() >= 6, "shared data has its H5MD files");
    int converted = 0;
    for (Path file : files) {
      FileStore src = new FileStore(file.getParent());
      String key = file.getFileName().toString();
      if (MALFORMED.contains(key)) {
        assertThrows(RuntimeException.class, () -> new H5mdFormat().open(src, key, ReadOptions.defaults()).close(), key);
        continue;
      }
      for (String precision : new String[] {null, "3"}) {
        MemoryStore dst = new MemoryStore();
        WriteOptions o = WriteOptions.defaults().with("chunk-frames", "2");
        if (precision != null) {
          o = o.with("precision", precision);
        }
        try (TrajectoryReader in = new H5mdFormat().open(src, key, ReadOptions.defaults())) {
          int[] last = {-1};
          int n = new TrajectoryCopier(0, (done, total) -> last[0] = done).convert(in, dst, "out.zarrmd", o);
          assertEquals(in.info().frames(), n, key);
          assertEquals(n, last[0], key + ": progress reached the end");
          try (TrajectoryReader out = new ZarrmdFormat().open(dst, "out.zarrmd", ReadOptions.defaults())) {
            compare(key + (precision == null ? "" : " precision " + precision), in, out,
                precision == null ? 0 : 0.5 / QuantizeCodec.scaleFor(Integer.parseInt(precision)));
          }
        }
      }
      converted++;
    }
    assertTrue(converted >= 5, "converted " + converted);
  }

  static void compare(String what, TrajectoryReader in, TrajectoryReader out, double tolerance) throws IOException {
    var a = in.info();
    var b = out.info();
    assertEquals(a.atoms(), b.atoms(), what);
    assertEquals(a.frames(), b.frames(), what);
    assertEquals(a.fields(), b.fields(), what);
    assertEquals(a.hasTime(), b.hasTime(), what);
    assertEquals(a.timeUnit(), b.timeUnit(), what);
    for (Field f : a.fields()) {
      assertEquals(a.unit(f), b.unit(f), what + " unit of " + f);
    }
    FrameBlock x = in.read(FrameRange.of(0, a.frames()), AtomSelection.all(), a.fields());
    FrameBlock y = out.read(FrameRange.of(0, b.frames()), AtomSelection.all(), b.fields());
    for (int i = 0; i < a.frames(); i++) {
      assertEquals(x.step(i), y.step(i), what + " step " + i);
      assertEquals(Double.doubleToLongBits(x.time(i)), Double.doubleToLongBits(y.time(i)), what + " time " + i);
    }
    for (Field f : a.fields()) {
      float[] u = x.values(f);
      float[] v = y.values(f);
      int w = f.valuesPerFrame(a.atoms());
      for (int i = 0; i < a.frames(); i++) {
        assertEquals(x.has(f, i), y.has(f, i), what + " presence of " + f + " at " + i);
        if (!x.has(f, i)) {
          continue;
        }
        for (int k = 0; k < w; k++) {
          float p = u[i * w + k];
          float q = v[i * w + k];
          if (f == Field.BOX) {
            // Box goes through [3,3] vectors and back: float rounding of the trigonometry (+ quantize on vectors).
            assertEquals(p, q, Math.abs(p) * 2e-5 + tolerance * 4 + 1e-4, what + " box " + i + "/" + k);
          } else if (tolerance == 0) {
            assertEquals(Float.floatToIntBits(p), Float.floatToIntBits(q), what + " " + f + " " + i + "/" + k);
          } else {
            assertEquals(p, q, tolerance + Math.ulp(p), what + " " + f + " " + i + "/" + k);
          }
        }
      }
    }
  }
}
