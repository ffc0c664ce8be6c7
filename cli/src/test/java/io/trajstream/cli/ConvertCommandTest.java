package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code trajstream convert}: shared H5MD and zarrmd files converted to zarrmd on disk and on
 * {@code mem://} give the same {@code info --json} and {@code frames --json} as their source; the
 * writer options take effect; bad options are usage errors in one line.
 */
class ConvertCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys of {@code info --json} that describe the copy rather than the trajectory. */
  private static final Set<String> COPY_SPECIFIC = Set.of("format", "store", "chunks", "compression");

  private static Path shared(String relative) {
    Path p = TestEnvironment.requireSharedData().resolve(relative);
    assertTrue(Files.exists(p), p + " is in the shared data");
    return p;
  }

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static JsonNode json(String... args) throws IOException {
    return JSON.readTree(ok(args).out());
  }

  private static JsonNode infoWithoutCopySpecificKeys(String url) throws IOException {
    ObjectNode n = (ObjectNode) json("info", "--json", url);
    n.remove(COPY_SPECIFIC);
    return n;
  }

  private static JsonNode allFrames(String url) throws IOException {
    int frames = json("info", "--json", url).get("frames").asInt();
    return json("frames", "--json", url, "--frames", "0:" + frames, "--observables");
  }

  /** Same structure; numbers equal within {@code rel} (relative, absolute below 1). */
  static void assertSameJson(String where, JsonNode expected, JsonNode actual, double rel) {
    if (expected.isNumber() && actual.isNumber()) {
      double e = expected.asDouble();
      double a = actual.asDouble();
      if (Math.abs(e - a) > rel * Math.max(1, Math.abs(e))) {
        fail(where + ": expected " + e + " but was " + a);
      }
      return;
    }
    assertEquals(expected.getNodeType(), actual.getNodeType(), where);
    if (expected.isObject()) {
      assertEquals(names(expected), names(actual), where + ": keys");
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        assertSameJson(where + "." + k, expected.get(k), actual.get(k), rel);
      }
    } else if (expected.isArray()) {
      assertEquals(expected.size(), actual.size(), where + ": length");
      for (int i = 0; i < expected.size(); i++) {
        assertSameJson(where + "[" + i + "]", expected.get(i), actual.get(i), rel);
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new TreeSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static void assertSameTrajectory(String src, String dst) throws IOException {
    assertSameJson(dst + " info", infoWithoutCopySpecificKeys(src), infoWithoutCopySpecificKeys(dst), 0);
    // Box vectors round-trip through the [F,3,3] layout: lengths and angles within float rounding.
    assertSameJson(dst + " frames", allFrames(src), allFrames(dst), 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mdanalysis/coordinates/test.h5md", "mdanalysis/cobrotoxin.h5md", "mdanalysis/cu.h5md",
      "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md", "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd"})
  void convertedToDirectoryAndMemoryReadsAsTheSource(String file, @TempDir Path dir) throws IOException {
    String src = shared(file).toString();
    String onDisk = dir.resolve("out.zarrmd").toString();
    CliRun r = ok("convert", src, onDisk);
    assertTrue(r.out().startsWith("wrote "), r.out());
    assertTrue(r.err().contains("convert 100%"), "progress bar on stderr: " + r.err());
    assertTrue(Files.isRegularFile(dir.resolve("out.zarrmd/.zmetadata")), "consolidated metadata written");
    assertSameTrajectory(src, onDisk);

    String inMemory = "mem://convert-" + Path.of(file).getFileName() + "/runs/out.zarrmd";
    ok("convert", src, inMemory, "--chunk-frames", "2", "--quiet");
    assertSameTrajectory(src, inMemory);
    assertEquals("zarrmd", json("info", "--json", inMemory).get("format").asText());
  }

  @Test
  void chunkCompressorAndFieldOptionsTakeEffect(@TempDir Path dir) throws IOException {
    String src = shared("mdanalysis/coordinates/test.h5md").toString();
    String a = dir.resolve("a.zarrmd").toString();
    ok("convert", src, a, "--chunk-frames", "3", "--compressor", "zstd:3", "--fields", "position,box", "-q");
    JsonNode info = json("info", "--json", a);
    assertEquals(3, info.get("chunks").get("position").asInt());
    assertTrue(info.get("compression").get("position").asText().contains("zstd"), info.toString());
    assertEquals(List.of("position", "box"), texts(info.get("fields")));

    // 5 atoms x 3 floats = 60 bytes per frame: a 120-byte target gives 2 frames per chunk.
    String b = dir.resolve("b.zarrmd").toString();
    ok("convert", src, b, "--chunk-bytes", "120", "--compressor", "none", "-q");
    JsonNode infoB = json("info", "--json", b);
    assertEquals(2, infoB.get("chunks").get("position").asInt());
    assertEquals("none", infoB.get("compression").get("position").asText());
    assertSameTrajectory(src, b);
  }

  @Test
  void precisionKeepsValuesWithinHalfAQuantizeStep(@TempDir Path dir) throws IOException {
    String src = shared("mdanalysis/coordinates/test.h5md").toString();
    String dst = dir.resolve("q.zarrmd").toString();
    ok("convert", src, dst, "--precision", "2", "--compressor", "blosc:zstd:9", "-q");
    assertTrue(json("info", "--json", dst).get("compression").get("position").asText().contains("quantize"),
        "quantize filter named in the compression");
    JsonNode expected = allFrames(src).get("frames");
    JsonNode actual = allFrames(dst).get("frames");
    // numcodecs quantize with 2 digits keeps 7 binary digits: step 1/128.
    double halfStep = 0.5 / 128;
    int compared = 0;
    boolean anyChanged = false;
    for (int f = 0; f < expected.size(); f++) {
      for (String field : new String[] {"position", "velocity", "force"}) {
        JsonNode e = expected.get(f).get(field);
        JsonNode a = actual.get(f).get(field);
        for (int i = 0; i < e.size(); i++) {
          for (int k = 0; k < 3; k++) {
            double ev = e.get(i).get(k).asDouble();
            double av = a.get(i).get(k).asDouble();
            assertTrue(Math.abs(ev - av) <= halfStep + 1e-6 * Math.abs(ev), field + " " + ev + " vs " + av);
            anyChanged |= ev != av;
            compared++;
          }
        }
      }
    }
    assertTrue(compared > 0 && anyChanged, "quantize changed some values and kept them within half a step");
  }

  @Test
  void existingDestinationNeedsOverwriteOrAppend(@TempDir Path dir) throws IOException {
    String src = shared("mdanalysis/coordinates/test.h5md").toString();
    String dst = dir.resolve("out.zarrmd").toString();
    ok("convert", src, dst, "-q");
    CliRun again = CliRun.of("convert", src, dst, "-q");
    assertEquals(2, again.exitCode(), again.err());
    assertEquals(1, again.err().lines().count(), again.err());
    assertTrue(again.err().contains("--overwrite"), again.err());
    ok("convert", src, dst, "-q", "--overwrite", "--chunk-frames", "2");
    assertEquals(5, json("info", "--json", dst).get("frames").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "--chunk-frames 2 --chunk-bytes 1MiB|--chunk-frames or --chunk-bytes",
      "--chunk-frames 0|--chunk-frames",
      "--chunk-frames many|--chunk-frames",
      "--chunk-bytes lots|--chunk-bytes",
      "--compressor snappy:3|--compressor",
      "--compressor blosc:brotli:5|--compressor",
      "--compressor zstd:high|--compressor",
      "--precision -1|--precision",
      "--precision two|--precision",
      "--fields position,spin|spin",
      "--fields momentum|momentum",
      "--append --overwrite|--append or --overwrite"})
  void badOptionIsUsageErrorInOneLine(String spec, @TempDir Path dir) {
    String[] parts = spec.split("\\|");
    List<String> args = new ArrayList<>(List.of("convert", shared("mdanalysis/coordinates/test.h5md").toString(),
        dir.resolve("out.zarrmd").toString()));
    args.addAll(List.of(parts[0].split(" ")));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), spec + ": " + r.err());
    assertEquals(1, r.err().lines().count(), spec + ": " + r.err());
    assertTrue(r.err().startsWith("trajstream: ") && r.err().contains(parts[1]), spec + ": " + r.err());
    assertFalse(Files.exists(dir.resolve("out.zarrmd")), "nothing written on a usage error");
  }

  @Test
  void askingForAFieldTheSourceLacksIsUsageError(@TempDir Path dir) {
    // cu.h5md holds position (and momentum, forces as ZnH5MD names them) but no velocity.
    CliRun r = CliRun.of("convert", shared("mdanalysis/cu.h5md").toString(), dir.resolve("o.zarrmd").toString(),
        "--fields", "velocity", "-q");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("no velocity"), r.err());
  }

  @Test
  void missingSourceIsRuntimeFailureInOneLine(@TempDir Path dir) {
    CliRun r = CliRun.of("convert", dir.resolve("absent.h5md").toString(), dir.resolve("o.zarrmd").toString(), "-q");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("absent.h5md"), r.err());
  }

  /** Issue 9 item 6: info and frames on zarrtraj's zarrmd stores equal those on its H5MD twins. */
  @Test
  void infoAndFramesOnZarrtrajStoresEqualTheirH5mdTwins() throws IOException {
    Path zarrtraj = shared("zarrtraj");
    List<Path> stores;
    try (Stream<Path> s = Files.list(zarrtraj)) {
      stores = s.filter(p -> p.getFileName().toString().endsWith("_ZARRMD.zarrmd")).sorted().toList();
    }
    assertTrue(stores.size() >= 4, "zarrtraj's zarrmd stores: " + stores);
    for (Path store : stores) {
      String name = store.getFileName().toString();
      Path twin = zarrtraj.resolve(name.replace("_ZARRMD.zarrmd", "_H5MD.h5md"));
      if (name.contains("MISSING_H5MD_GROUP")) {
        CliRun r = CliRun.of("info", store.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("h5md"), r.err());
        continue;
      }
      assertEquals("zarrmd", json("info", "--json", store.toString()).get("format").asText());
      assertSameJson(name + " info", infoWithoutCopySpecificKeys(twin.toString()),
          infoWithoutCopySpecificKeys(store.toString()), 0);
      assertSameJson(name + " frames", allFrames(twin.toString()), allFrames(store.toString()), 1e-6);
      assertTrue(ok("info", store.toString()).out().contains("format       zarrmd"));
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
