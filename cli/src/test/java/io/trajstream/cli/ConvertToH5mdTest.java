package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.format.Field;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.MdAnalysisTrajectories;
import io.trajstream.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code trajstream convert SRC out.h5md}: every readable format (XTC, TRR, DCD written by
 * MDAnalysis; the shared H5MD and zarrmd files) converted to H5MD reads back as its source, with
 * our reader and with MDAnalysis's H5MDReader; gzip is the default compressor; bad options are
 * usage errors before anything is written.
 */
class ConvertToH5mdTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> COPY_SPECIFIC = Set.of("format", "store", "chunks", "compression");

  @TempDir Path dir;

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static JsonNode json(String... args) throws IOException {
    return JSON.readTree(ok(args).out());
  }

  /** {@code info --json} without the keys that describe the copy, and without those the source had none of. */
  private static JsonNode info(String url, JsonNode source) throws IOException {
    ObjectNode n = (ObjectNode) json("info", "--json", url);
    n.remove(COPY_SPECIFIC);
    if (source != null) {
      // H5MD requires an author and a creator: the copy of a file without them names the user and TrajStream
      for (String k : List.of("author", "creator")) {
        if (source.path(k).isNull() || source.path(k).isMissingNode()) {
          n.remove(k);
        }
      }
    }
    return n;
  }

  private static JsonNode allFrames(String url, boolean observables) throws IOException {
    int frames = json("info", "--json", url).get("frames").asInt();
    return observables ? json("frames", "--json", url, "--frames", "0:" + frames, "--observables")
        : json("frames", "--json", url, "--frames", "0:" + frames);
  }

  private static void assertSameTrajectory(String src, String dst, boolean observables) throws IOException {
    JsonNode want = info(src, null);
    ConvertCommandTest.assertSameJson(dst + " info", info(src, want), info(dst, want), 0);
    // the box goes through [F,3,3] vectors: lengths and angles within float rounding
    ConvertCommandTest.assertSameJson(dst + " frames", allFrames(src, observables), allFrames(dst, observables), 1e-6);
  }

  private static SyntheticTrajectory synthetic() {
    return SyntheticTrajectory.builder().atoms(9).frames(12).seed(5).stepsPerFrame(100).timeStep(2)
        .fields(EnumSet.of(Field.POSITION, Field.VELOCITY, Field.FORCE, Field.BOX)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"XTC", "TRR", "DCD"})
  void fromFilesMdAnalysisWroteReadsAsTheSourceInOursAndMdAnalysis(String format) throws IOException {
    Path src = dir.resolve("run." + format.toLowerCase(java.util.Locale.ROOT));
    MdAnalysisTrajectories.write(src, format, synthetic().block(0, 12), null);
    Path dst = dir.resolve("run.h5md");
    CliRun r = ok("convert", src.toString(), dst.toString(), "--chunk-frames", "5");
    assertTrue(r.out().startsWith("wrote 12 frames of 9 atoms"), r.out());
    assertTrue(r.err().contains("convert 100%"), "progress bar on stderr: " + r.err());
    assertEquals("h5md", json("info", "--json", dst.toString()).get("format").asText());
    assertSameTrajectory(src.toString(), dst.toString(), false);

    MdAnalysisTrajectories.Reference want = MdAnalysisTrajectories.read(src, format);
    MdAnalysisTrajectories.Reference got = MdAnalysisTrajectories.read(dst, "H5MD");
    assertEquals(want.frames(), got.frames());
    assertEquals(want.atoms(), got.atoms());
    assertArrayEquals(want.times(), got.times(), 1e-9, "time");
    for (Field f : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
      if (want.values(f) != null) {
        assertArrayEquals(want.values(f), got.values(f), f.key());
      }
    }
    assertArrayEquals(want.boxes(), got.boxes(), 1e-3f, "box");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd", "mdanalysis/cobrotoxin.h5md",
      "zarrtraj/COORDINATES_VARIED_STEPS_H5MD.h5md"})
  void fromZarrmdAndH5mdWithObservables(String file) throws IOException {
    String src = TestEnvironment.requireSharedData().resolve(file).toString();
    String dst = dir.resolve("out.h5").toString();
    ok("convert", src, dst, "-q");
    JsonNode i = json("info", "--json", dst);
    assertEquals("h5md", i.get("format").asText());
    assertTrue(i.get("compression").toString().contains("gzip(4)"), "gzip by default: " + i);
    assertSameTrajectory(src, dst, true);
  }

  @Test
  void compressorNoneAndShuffleTakeEffect() throws IOException {
    Path src = dir.resolve("run.xtc");
    MdAnalysisTrajectories.write(src, "XTC", synthetic().block(0, 12), null);
    String a = dir.resolve("a.hdf5").toString();
    ok("convert", src.toString(), a, "--compressor", "none", "-q");
    assertTrue(json("info", "--json", a).get("compression").toString().contains("none"), json("info", "--json", a).toString());
    String b = dir.resolve("b.h5md").toString();
    ok("convert", src.toString(), b, "--compressor", "gzip:7:shuffle", "--chunk-frames", "1", "-q");
    JsonNode ib = json("info", "--json", b);
    assertTrue(ib.get("compression").toString().contains("gzip(7)"), ib.toString());
    assertSameTrajectory(a, b, false);
  }

  @Test
  void badOptionsForH5mdAreUsageErrorsAndExistingFilesNeedOverwrite() throws IOException {
    Path src = dir.resolve("run.xtc");
    MdAnalysisTrajectories.write(src, "XTC", synthetic().block(0, 12), null);
    for (String[] bad : List.of(new String[] {"--compressor", "blosc:lz4:5"}, new String[] {"--compressor", "gzip:0"},
        new String[] {"--append"}, new String[] {"--precision", "3"})) {
      String dst = dir.resolve("bad.h5md").toString();
      List<String> args = new java.util.ArrayList<>(List.of("convert", src.toString(), dst));
      args.addAll(List.of(bad));
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), args + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(Files.exists(dir.resolve("bad.h5md")), "nothing written on a usage error");
    }
    String dst = dir.resolve("once.h5md").toString();
    ok("convert", src.toString(), dst, "-q");
    CliRun again = CliRun.of("convert", src.toString(), dst, "-q");
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.err().contains("--overwrite"), again.err());
    ok("convert", src.toString(), dst, "-q", "--overwrite", "--compressor", "none");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".writing-")), "no temporary file left");
    }
  }

  /** MDAnalysis reads the copy of its own test file as the original: values, box, time, step and the lambda observable. */
  @Test
  void mdanalysisReadsTheCopyOfAnH5mdFileAsTheOriginal() throws IOException {
    Path src = TestEnvironment.requireSharedData().resolve("mdanalysis/coordinates/test.h5md");
    Path dst = dir.resolve("copy.h5md");
    ok("convert", src.toString(), dst.toString(), "-q", "--chunk-frames", "2");
    MdAnalysisTrajectories.Reference want = MdAnalysisTrajectories.read(src, "H5MD");
    MdAnalysisTrajectories.Reference got = MdAnalysisTrajectories.read(dst, "H5MD");
    assertEquals(want.frames(), got.frames());
    assertEquals(want.atoms(), got.atoms());
    assertArrayEquals(want.times(), got.times(), 1e-9, "time");
    assertArrayEquals(want.steps(), got.steps(), "step");
    assertArrayEquals(want.lambdas(), got.lambdas(), 1e-12, "lambda");
    for (Field f : List.of(Field.POSITION, Field.VELOCITY, Field.FORCE)) {
      assertArrayEquals(want.values(f), got.values(f), f.key());
    }
    assertArrayEquals(want.boxes(), got.boxes(), 1e-3f, "box");
  }
}
