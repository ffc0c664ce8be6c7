package io.trajstream.h5md;

import io.trajstream.h5md.index.Json;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helpers: runs the python scripts under src/test/resources/python and reads what they wrote. */
final class Interop {
  private Interop() {}

  /** The text of a python script shipped with the tests. */
  static String script(String name) throws IOException {
    try (InputStream in = Interop.class.getResourceAsStream("/python/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code make_interop.py} into {@code dir} for the given variants (all when none). */
  static void make(Path dir, String... variants) throws IOException {
    TestEnvironment.requirePython("h5py", "numpy", "MDAnalysis", "numcodecs");
    String[] args = new String[variants.length + 1];
    args[0] = dir.toString();
    System.arraycopy(variants, 0, args, 1, variants.length);
    TestEnvironment.python(script("make_interop.py"), args);
  }

  /** Variants that need Debian's python3-hdf5plugin (blosc and lz4 filters for h5py). */
  static final java.util.Set<String> NEED_PLUGINS = java.util.Set.of("h5_blosc", "h5_blosc_zstd", "h5_lz4");

  /** Skips (fails under CI) when variant {@code name} could not be written for lack of hdf5plugin. */
  static void requireVariant(String name) {
    if (NEED_PLUGINS.contains(name) && !TestEnvironment.hasPython("hdf5plugin")) {
      TestEnvironment.missing("python3 module hdf5plugin is missing (apt-get install python3-hdf5plugin): cannot write " + name);
    }
  }

  /** h5py's view of variant {@code name}. */
  static Map<?, ?> ref(Path dir, String name) throws IOException {
    return (Map<?, ?>) Json.parse(Files.readString(dir.resolve(name + ".ref.json")));
  }

  /** h5py's values of one field as float32. */
  static float[] values(Path dir, String name, String field) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + "." + field + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  static long[] longs(Object list) {
    return ((List<?>) list).stream().mapToLong(o -> ((Number) o).longValue()).toArray();
  }

  static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
  }
}
