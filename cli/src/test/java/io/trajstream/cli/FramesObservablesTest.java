package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code trajstream frames --observables}: every observable per frame as h5py (zarr-python) reads
 * it, null where it has no sample at the frame's step; and {@code convert} keeps them.
 */
class FramesObservablesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode dump(Path file) throws IOException {
    TestEnvironment.requirePython("h5py", "zarr", "numpy");
    return JSON.readTree(TestEnvironment.python(TestEnvironment.bundledScript("dump_observables.py"), file.toString()));
  }

  private static JsonNode frames(String url, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("frames", "--json", url));
    args.addAll(List.of(more));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  /** The flat values of a printed observable (a number or nested arrays). */
  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n.asDouble());
    }
  }

  /** Each frame's observables equal python's sample at the frame's step, null where there is none. */
  private static void assertFramesMatch(String where, JsonNode printed, JsonNode ref) {
    int seen = 0;
    for (JsonNode frame : printed.get("frames")) {
      long step = frame.get("step").asLong();
      JsonNode obs = frame.get("observables");
      assertEquals(ref.size(), obs.size(), where + ": observables per frame");
      for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
        String path = it.next();
        JsonNode e = ref.get(path);
        int per = 1;
        for (JsonNode d : e.get("shape")) {
          per *= d.asInt();
        }
        int sample = 0;
        if (e.get("time_dependent").asBoolean()) {
          sample = -1;
          for (int i = 0; i < e.get("steps").size(); i++) {
            if (e.get("steps").get(i).asLong() == step) {
              sample = i;
            }
          }
        }
        String at = where + " frame " + frame.get("frame") + " " + path;
        if (sample < 0) {
          assertTrue(obs.get(path).isNull(), at + " is null: no sample at step " + step);
          continue;
        }
        List<Double> got = new ArrayList<>();
        flatten(obs.get(path), got);
        List<Double> want = new ArrayList<>();
        for (int k = 0; k < per; k++) {
          want.add(e.get("values").get(sample * per + k).asDouble());
        }
        assertEquals(want, got, at);
        assertEquals(e.get("shape").size() == 0, !obs.get(path).isArray(), at + ": a scalar prints as a number");
        seen++;
      }
    }
    assertTrue(seen > 0, where + ": some values were compared");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "zarrtraj/COORDINATES_VARIED_STEPS_ZARRMD.zarrmd",
      "mdanalysis/cu.h5md", "mdanalysis/cobrotoxin.h5md"})
  void framesPrintObservablesAsPythonReadsThem(String rel) throws IOException {
    Path file = TestEnvironment.requireSharedData().resolve(rel);
    JsonNode printed = frames(file.toString(), "--observables", "--frames", rel.contains("cobrotoxin") ? "0:3" : "0:5");
    assertFramesMatch(rel, printed, dump(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "zarrtraj/COORDINATES_VARIED_STEPS_ZARRMD.zarrmd",
      "mdanalysis/cu.h5md"})
  void infoDescribesEachObservableAsPythonReadsIt(String rel) throws IOException {
    Path file = TestEnvironment.requireSharedData().resolve(rel);
    CliRun r = CliRun.of("info", "--json", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode details = JSON.readTree(r.out()).get("observable_details");
    JsonNode ref = dump(file);
    assertEquals(ref.size(), details.size(), rel + ": one description per observable");
    for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      JsonNode want = ref.get(path);
      JsonNode got = details.get(path);
      String at = rel + " " + path;
      assertEquals(want.get("shape"), got.get("shape"), at + " shape");
      assertEquals(want.get("time_dependent"), got.get("time_dependent"), at + " time dependence");
      assertEquals(want.get("samples").asInt(), got.get("samples").asInt(), at + " samples");
      assertEquals(want.get("integral"), got.get("integral"), at + " integers");
      assertEquals(want.get("unit"), got.get("unit"), at + " unit");
    }
    CliRun text = CliRun.of("info", file.toString());
    for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      assertTrue(text.out().contains(path + "  " + (ref.get(path).get("time_dependent").asBoolean()
          ? ref.get(path).get("samples").asInt() + " sample" : "one value of ")), text.out());
    }
  }

  @Test
  void variedStepsHasNullsWhereObservablesHaveNoSample() throws IOException {
    Path file = TestEnvironment.requireSharedData().resolve("zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md");
    JsonNode f = frames(file.toString(), "--observables", "--frames", "0:5").get("frames");
    assertTrue(f.get(0).get("observables").get("obsv1").isNull(), "no obsv1 sample at step 0");
    assertEquals(4, f.get(1).get("observables").get("obsv1").asInt());
    assertTrue(f.get(2).get("observables").get("trajectory/obsv2").isNull());
    assertEquals(6, f.get(3).get("observables").get("trajectory/obsv2").asInt());
    assertEquals(3, f.get(4).get("observables").get("obsv3").size(), "time-independent obsv3 at every frame");
    assertFalse(frames(file.toString()).get("frames").get(0).has("observables"), "only with --observables");
  }

  @Test
  void convertKeepsObservablesUnlessAsked(@TempDir Path dir) throws IOException {
    Path file = TestEnvironment.requireSharedData().resolve("zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md");
    String out = dir.resolve("v.zarrmd").toString();
    assertEquals(0, CliRun.of("convert", file.toString(), out, "--quiet").exitCode());
    assertEquals(dump(file), dump(dir.resolve("v.zarrmd")), "zarr-python reads the converted observables as h5py the source's");
    assertFramesMatch("converted", frames(out, "--observables", "--frames", "0:5"), dump(file));

    String without = dir.resolve("w.zarrmd").toString();
    assertEquals(0, CliRun.of("convert", file.toString(), without, "--quiet", "--no-observables").exitCode());
    assertEquals(0, JSON.readTree(CliRun.of("info", "--json", without).out()).get("observables").size());
  }
}
