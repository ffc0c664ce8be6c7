package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.ReadOptions;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trajstream sample}: with {@code --out}, a {@code .npy} that numpy loads (float32, frames ×
 * atoms × 3) holding each sampled frame's values, and its ids; {@code --units md}; without
 * {@code --out}, the throughput and bytes fetched.
 */
class SampleCommandTest {
  @TempDir Path dir;

  private List<String> parts() throws IOException {
    return List.of(PartWriter.write(dir, "p1.zarrmd", 40, 3, 0, "nm"), PartWriter.write(dir, "p2.zarrmd", 47, 4, 40, "nm"));
  }

  @Test
  void writesNpyThatNumpyLoads() throws IOException {
    TestEnvironment.requirePython("numpy");
    List<String> urls = parts();
    Path out = dir.resolve("batches.npy");
    CliRun r = CliRun.of("sample", urls.get(0), urls.get(1), "--select", "index 2:9", "--batch", "32", "--epochs", "2",
        "--seed", "7", "--out", out.toString(), "--continuous");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("sample"), "a progress bar: " + r.err());
    String py = String.join("\n",
        "import json, sys, numpy as np",
        "a = np.load(sys.argv[1]); ids = np.load(sys.argv[2])",
        "print(json.dumps({'shape': list(a.shape), 'dtype': str(a.dtype), 'ids_dtype': str(ids.dtype),",
        "  'ids': ids.tolist(), 'rows': [a[i].ravel().tolist() for i in (0, 50, len(a) - 1)]}))");
    JsonNode j = new ObjectMapper().readTree(TestEnvironment.python(py, out.toString(),
        dir.resolve("batches.ids.npy").toString()));
    assertEquals("[174,8,3]", j.get("shape").toString());
    assertEquals("float32", j.get("dtype").asText());
    assertEquals("int64", j.get("ids_dtype").asText());
    boolean[] seen = new boolean[87];
    for (int i = 0; i < 87; i++) {
      int id = j.get("ids").get(i).asInt();
      assertTrue(!seen[id], "frame " + id + " twice in the first epoch");
      seen[id] = true;
    }
    try (TrajectoryReader chain = TrajStream.create().open(urls, StoreConfig.empty(), ReadOptions.defaults(), true)) {
      int[] rows = {0, 50, 173};
      for (int k = 0; k < rows.length; k++) {
        int id = j.get("ids").get(rows[k]).asInt();
        FrameBlock f = chain.read(FrameRange.single(id), AtomSelection.range(2, 9), EnumSet.of(Field.POSITION));
        for (int v = 0; v < 24; v++) {
          assertEquals(f.positions()[v], (float) j.get("rows").get(k).get(v).asDouble(), 0, "row " + rows[k] + " value " + v);
        }
      }
    }
    CliRun md = CliRun.of("sample", urls.get(0), "--batch", "8", "--seed", "7", "--units", "md", "--quiet",
        "--out", dir.resolve("md.npy").toString());
    assertEquals(0, md.exitCode(), md.err());
    CliRun nat = CliRun.of("sample", urls.get(0), "--batch", "8", "--seed", "7", "--quiet",
        "--out", dir.resolve("nm.npy").toString());
    assertEquals(0, nat.exitCode(), nat.err());
    String ratio = TestEnvironment.python("import sys, numpy as np\nprint(float(np.nanmax(np.abs(np.load(sys.argv[1]) - 10 * np.load(sys.argv[2])))))",
        dir.resolve("md.npy").toString(), dir.resolve("nm.npy").toString()).trim();
    assertTrue(Double.parseDouble(ratio) < 1e-3, "md = 10 x nm: off by " + ratio);
  }

  @Test
  void withoutOutItReportsThroughputAndBytes() throws IOException {
    List<String> urls = parts();
    CliRun r = CliRun.of("sample", dir.resolve("p*.zarrmd").toString(), "--batch", "16", "--seed", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().matches("(?s)sampled 87 frames of 25 atoms .* frames/s, [1-9][0-9]* bytes fetched .*"), r.out());
    assertTrue(r.err().contains("sample"), "a progress bar: " + r.err());
    assertEquals(2, urls.size());
  }
}
