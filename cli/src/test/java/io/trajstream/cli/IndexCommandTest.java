package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trajstream index}: writes a kerchunk reference file that info and frames then use. */
class IndexCommandTest {
  @Test
  void writesBesideAndToOutAndIsUsedByFrames(@TempDir Path dir) throws Exception {
    Path data = TestEnvironment.requireSharedData();
    Path file = dir.resolve("cobrotoxin.h5md");
    Files.copy(data.resolve("mdanalysis/cobrotoxin.h5md"), file);

    CliRun beside = CliRun.of("index", file.toString());
    assertEquals(0, beside.exitCode(), beside.err());
    Path refs = dir.resolve("cobrotoxin.h5md.refs.json");
    assertTrue(Files.isRegularFile(refs), beside.out());
    String json = Files.readString(refs);
    assertTrue(json.startsWith("{\"version\": 1, \"refs\": {"), json.substring(0, 40));
    assertTrue(json.contains("\"particles/trajectory/position/value/.zarray\""));
    assertTrue(json.contains("\"particles/trajectory/position/value/2.0.0\": [\"" + file.toUri()), "chunk reference with the file's URL");

    Path out = dir.resolve("elsewhere.json");
    CliRun explicit = CliRun.of("index", file.toString(), "--out", out.toString());
    assertEquals(0, explicit.exitCode(), explicit.err());
    assertEquals(json, Files.readString(out));

    CliRun plain = CliRun.of("frames", file.toString(), "--frames", "2", "--atoms", "19384", "--index", "none");
    CliRun indexed = CliRun.of("frames", file.toString(), "--frames", "2", "--atoms", "19384", "--index", refs.toString());
    assertEquals(0, plain.exitCode(), plain.err());
    assertEquals(0, indexed.exitCode(), indexed.err());
    assertEquals(plain.out(), indexed.out());
  }

  @Test
  void notAnHdf5FileIsOneLineError(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.h5md");
    Files.writeString(junk, "not hdf5");
    CliRun r = CliRun.of("index", junk.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("junk.h5md") && r.err().contains("not an HDF5 file"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
