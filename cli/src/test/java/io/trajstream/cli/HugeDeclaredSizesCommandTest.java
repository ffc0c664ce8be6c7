package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legal H5MD file that declares a billion frames of a million atoms (written by h5py, nothing
 * stored: every value is the fill value; step and time are scalars with offsets) is described by
 * {@code trajstream info} and read by {@code trajstream frames} in a child JVM of 64 MiB heap:
 * the counts, steps and times h5py computes from the file, frame 0 (and the last atom of the last
 * frame) as h5py reads them, and nothing on stderr: no OutOfMemoryError, no stack trace.
 */
class HugeDeclaredSizesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SMALL_HEAP = List.of("-Xmx64m");
  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** What h5py makes of the file: declared counts, computed steps and times, stored or fill values. */
  private static final String H5PY_VIEW = """
      import sys, json, h5py
      with h5py.File(sys.argv[1], "r") as f:
          g = f["particles/trajectory"]
          v, s, t = g["position/value"], g["position/step"], g["position/time"]
          frames, atoms = v.shape[0], v.shape[1]
          step = lambda i: int(s.attrs.get("offset", 0)) + int(s[()]) * i
          time = lambda i: float(t.attrs.get("offset", 0.0)) + float(t[()]) * i
          print(json.dumps({"frames": frames, "atoms": atoms,
              "steps": [step(0), step(frames - 1)], "times": [time(0), time(frames - 1)],
              "first": v[0, 0].tolist(), "last": v[frames - 1, atoms - 1].tolist(),
              "edges": g["box/edges"][()].tolist()}))
      """;

  @TempDir static Path dir;
  private static String file;
  private static JsonNode h5py;

  @BeforeAll
  static void write() throws Exception {
    TestEnvironment.requirePython("h5py", "numpy");
    TestEnvironment.python(TestEnvironment.bundledScript("write_declared_sizes.py"), dir.toString());
    file = dir.resolve("huge_fixed.h5md").toString();
    h5py = JSON.readTree(TestEnvironment.python(H5PY_VIEW, file));
    // the file is what this test is about
    assertEquals(1_000_000_000L, h5py.get("frames").asLong());
    assertEquals(1_000_000L, h5py.get("atoms").asLong());
  }

  /** The command in a 64 MiB child JVM: exit 0 and nothing on stderr (no OutOfMemoryError, no trace). */
  private static String run(String... args) throws IOException {
    ChildCommand r = ChildCommand.run(SMALL_HEAP, LIMIT, dir, args);
    String err = r.errWithoutLogging();
    assertFalse(err.contains("OutOfMemoryError") || err.contains("\tat "), err);
    assertEquals(0, r.exitCode(), "trajstream " + String.join(" ", args) + ": " + err);
    assertEquals("", err, "stderr of trajstream " + String.join(" ", args));
    return r.out();
  }

  /** The rows of {@code info}'s text form, by name. */
  private static Map<String, String> rows(String text) {
    Map<String, String> rows = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.length() > 13 && !line.isBlank()) {
        rows.put(line.substring(0, 12).strip(), line.substring(13));
      }
    }
    return rows;
  }

  @Test
  void infoShowsTheDeclaredCountsAndComputedStepsAndTimes() throws Exception {
    Map<String, String> info = rows(run("info", file));
    assertEquals("h5md", info.get("format"), info.toString());
    assertEquals(h5py.get("atoms").asText(), info.get("atoms"));
    assertEquals(h5py.get("frames").asText(), info.get("frames"));
    assertEquals(h5py.get("steps").get(0).asText() + " .. " + h5py.get("steps").get(1).asText(), info.get("steps"));
    // e.g. "2.0 .. 5.000000015E8 ps (dt 0.5)"
    String[] time = info.get("time").split(" ");
    assertEquals(h5py.get("times").get(0).asDouble(), Double.parseDouble(time[0]), info.get("time"));
    assertEquals(h5py.get("times").get(1).asDouble(), Double.parseDouble(time[2]), info.get("time"));
  }

  @Test
  void framesReadsTheFillValuesOfFrameZeroAndOfTheLastFrame() throws Exception {
    JsonNode first = JSON.readTree(run("frames", file, "--frames", "0", "--atoms", "0")).get("frames").get(0);
    assertEquals(0, first.get("frame").asLong());
    assertEquals(h5py.get("steps").get(0).asLong(), first.get("step").asLong());
    assertEquals(h5py.get("times").get(0).asDouble(), first.get("time").asDouble());
    assertEquals(h5py.get("first"), first.get("position").get(0));
    assertEquals(h5py.get("edges"), JSON.valueToTree(Arrays.copyOf(JSON.treeToValue(first.get("box"), double[].class), 3)));

    long lastFrame = h5py.get("frames").asLong() - 1;
    long lastAtom = h5py.get("atoms").asLong() - 1;
    JsonNode last = JSON.readTree(run("frames", file, "--frames", Long.toString(lastFrame), "--atoms", Long.toString(lastAtom)))
        .get("frames").get(0);
    assertEquals(lastFrame, last.get("frame").asLong());
    assertEquals(h5py.get("steps").get(1).asLong(), last.get("step").asLong());
    assertEquals(h5py.get("times").get(1).asDouble(), last.get("time").asDouble());
    assertEquals(h5py.get("last"), last.get("position").get(0));
    assertTrue(last.get("position").size() == 1, last.toString());
  }
}
