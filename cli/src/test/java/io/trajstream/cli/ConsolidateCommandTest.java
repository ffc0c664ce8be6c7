package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.Field;
import io.trajstream.format.WriteOptions;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trajstream consolidate} after zarr-python changed a zarrmd behind its {@code .zmetadata}
 * (frames appended, an attribute added): before, readers refuse with one line naming the key and
 * the fix; after, they see the new frames with zarr-python's values, and the new {@code .zmetadata}
 * holds the same documents as zarr-python's own {@code consolidate_metadata}.
 */
class ConsolidateCommandTest {
  /** Appends 10 frames to position (value, step, time) and adds an attribute, without consolidating. */
  private static final String EDIT = String.join("\n",
      "import sys, json, shutil, numpy as np, zarr",
      "path = sys.argv[1]",
      "g = zarr.open_group(zarr.storage.DirectoryStore(path), mode='r+')",
      "p = g['particles/trajectory/position']",
      "v, s, t = p['value'], p['step'], p['time']",
      "n = v.shape[0]",
      "v.resize(n + 10, v.shape[1], 3)",
      "v[n:] = (np.arange(10 * v.shape[1] * 3, dtype='f4') * 0.25).reshape(10, v.shape[1], 3)",
      "s.resize(n + 10); s[n:] = s[n - 1] + (s[1] - s[0]) * np.arange(1, 11)",
      "t.resize(n + 10); t[n:] = t[n - 1] + (t[1] - t[0]) * np.arange(1, 11)",
      "v.attrs['edited_by'] = 'zarr-python'",
      "copy = sys.argv[2]",
      "shutil.copytree(path, copy)",
      "zarr.consolidate_metadata(zarr.storage.DirectoryStore(copy))",
      "print(json.dumps({'frames': n + 10, 'x45': [float(x) for x in v[n + 5, 7]]}))");

  @Test
  void readersRefuseAStaleZmetadataUntilConsolidateRewritesIt(@TempDir Path dir) throws Exception {
    TestEnvironment.requirePython("zarr", "numpy");
    SyntheticTrajectory.builder().atoms(30).frames(40).seed(3).fields(EnumSet.of(Field.POSITION)).build()
        .writeTo(new ZarrmdFormat(), new FileStore(dir), "run.zarrmd", WriteOptions.of(Map.of("chunk-frames", "8", "group", "trajectory")), 10);
    Path run = dir.resolve("run.zarrmd");
    assertTrue(Files.isRegularFile(run.resolve(".zmetadata")));
    ObjectMapper json = new ObjectMapper();
    JsonNode edit = json.readTree(TestEnvironment.python(EDIT, run.toString(), dir.resolve("python-consolidated").toString()));

    CliRun stale = CliRun.of("info", run.toString(), "--json");
    assertEquals(1, stale.exitCode(), stale.out());
    assertTrue(stale.err().contains("particles/trajectory/position/value/.zarray")
        && stale.err().contains("trajstream consolidate"), stale.err());
    assertEquals(1, stale.err().strip().lines().count(), "one line: " + stale.err());

    CliRun c = CliRun.of("consolidate", run.toString());
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.out().contains(".zmetadata"), c.out());

    CliRun info = CliRun.of("info", run.toString(), "--json");
    assertEquals(0, info.exitCode(), info.err());
    assertEquals(edit.get("frames").asInt(), json.readTree(info.out()).get("frames").asInt());
    CliRun frames = CliRun.of("frames", run.toString(), "--frames", Integer.toString(edit.get("frames").asInt() - 5),
        "--atoms", "7", "--json");
    assertEquals(0, frames.exitCode(), frames.err());
    JsonNode pos = json.readTree(frames.out()).get("frames").get(0).get("position").get(0);
    for (int k = 0; k < 3; k++) {
      assertEquals(edit.get("x45").get(k).asDouble(), pos.get(k).asDouble(), 1e-6, "coordinate " + k);
    }

    JsonNode ours = json.readTree(run.resolve(".zmetadata").toFile());
    JsonNode theirs = json.readTree(dir.resolve("python-consolidated/.zmetadata").toFile());
    assertEquals(theirs.get("zarr_consolidated_format"), ours.get("zarr_consolidated_format"));
    assertEquals(theirs.get("metadata"), ours.get("metadata"), "the same documents as zarr-python's consolidate_metadata");
    assertEquals("zarr-python", ours.get("metadata").get("particles/trajectory/position/value/.zattrs").get("edited_by").asText());
  }
}
