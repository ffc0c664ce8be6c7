package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.TrajStream;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-file zarrmd: {@code convert x.h5md run.zarrmd.zip} writes an archive that zarr-python's
 * {@code ZipStore} reads with the same values; an archive zarr-python writes reads here like its
 * directory; an existing archive is replaced only with {@code --overwrite}; and on S3 {@code info}
 * streams from the archive, fetching far less than its size.
 */
class ZipZarrmdTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static CliRun ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  /** The position of frame 2 for three atoms as our reader gives it. */
  private static JsonNode positions(String url) throws Exception {
    CliRun r = ok("frames", url, "--frames", "2", "--atoms", "0,5,19384", "--json", "--fields", "position");
    return JSON.readTree(r.out()).get("frames").get(0).get("position");
  }

  @Test
  void convertWritesAnArchiveZarrPythonReadsWithTheSameValues() throws Exception {
    TestEnvironment.requirePython("zarr", "numpy");
    Path h5md = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.h5md");
    Path zip = dir.resolve("run.zarrmd.zip");
    ok("convert", h5md.toString(), zip.toString(), "--quiet");
    assertTrue(Files.isRegularFile(zip));
    JsonNode expected = positions(h5md.toString());
    assertEquals(expected, positions(zip.toString()), "our reader on our archive");
    assertEquals(expected, positions("zip:" + zip), "the same through a zip: URL");

    String py = TestEnvironment.python(String.join("\n",
        "import sys, json, zarr",
        "s = zarr.storage.ZipStore(sys.argv[1], mode='r')",
        "g = zarr.open_group(s, mode='r')",
        "v = g['particles/trajectory/position/value']",
        "print(json.dumps([[float(x) for x in v[2, a]] for a in (0, 5, 19384)]))",
        "s.close()"), zip.toString());
    JsonNode theirs = JSON.readTree(py);
    for (int a = 0; a < 3; a++) {
      for (int k = 0; k < 3; k++) {
        assertEquals((float) expected.get(a).get(k).asDouble(), (float) theirs.get(a).get(k).asDouble(), "float32 of atom " + a + " coordinate " + k);
      }
    }

    long before = Files.size(zip);
    CliRun refused = CliRun.of("convert", h5md.toString(), zip.toString(), "--quiet");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.err().contains("already exists") && refused.err().contains("--overwrite"), refused.err());
    assertEquals(before, Files.size(zip));
    ok("convert", h5md.toString(), zip.toString(), "--quiet", "--overwrite", "--chunk-frames", "1");
    assertNotEquals(before, Files.size(zip), "replaced with the new chunking");
    assertEquals(expected, positions(zip.toString()));
  }

  @Test
  void anArchiveZarrPythonWritesReadsLikeItsDirectory() throws Exception {
    TestEnvironment.requirePython("zarr");
    Path src = TestEnvironment.requireSharedData().resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd");
    Path zip = dir.resolve("py.zarrmd.zip");
    TestEnvironment.python(String.join("\n",
        "import sys, zarr",
        "dst = zarr.storage.ZipStore(sys.argv[2], mode='w')",
        "zarr.copy_store(zarr.storage.DirectoryStore(sys.argv[1]), dst)",
        "dst.close()"), src.toString(), zip.toString());
    String a = ok("frames", src.toString(), "--frames", "0,3,4", "--json").out();
    String b = ok("frames", zip.toString(), "--frames", "0,3,4", "--json").out();
    assertEquals(a, b);
    JsonNode ia = JSON.readTree(ok("info", src.toString(), "--json").out());
    JsonNode ib = JSON.readTree(ok("info", zip.toString(), "--json").out());
    assertEquals(ia.get("frames"), ib.get("frames"));
    assertEquals(ia.get("atoms"), ib.get("atoms"));
    assertEquals(ia.get("time"), ib.get("time"));
  }

  @Test
  void infoOnS3StreamsFromTheArchive() throws Exception {
    Path h5md = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.h5md");
    try (S3ProxyServer s3 = S3ProxyServer.withAuthentication()) {
      String base = "s3://" + S3ProxyServer.BUCKET + "/zip-" + UUID.randomUUID().toString().substring(0, 8) + "/";
      List<String> opts = new ArrayList<>();
      s3.options(s3.endpoint()).forEach((k, v) -> {
        opts.add("--storage-option");
        opts.add(k + "=" + v);
      });
      List<String> convert = new ArrayList<>(List.of("convert", h5md.toString(), base + "run.zarrmd.zip", "--quiet"));
      convert.addAll(opts);
      ok(convert.toArray(String[]::new));
      List<String> info = new ArrayList<>(List.of("info", base + "run.zarrmd.zip", "--json"));
      info.addAll(opts);
      JsonNode i = JSON.readTree(ok(info.toArray(String[]::new)).out());
      JsonNode local = JSON.readTree(ok("info", h5md.toString(), "--json").out());
      assertEquals(local.get("frames"), i.get("frames"));
      assertEquals(local.get("atoms"), i.get("atoms"));

      AtomicReference<MeteredStore> meter = new AtomicReference<>();
      TrajStream ts = TrajStream.create().withStoreDecorator(s -> {
        MeteredStore m = new MeteredStore(s);
        meter.set(m);
        return m;
      });
      long size;
      try (var store = ts.openStore(io.trajstream.runtime.StoreUrl.parse(base + "run.zarrmd.zip"), s3.config())) {
        size = store.stat("run.zarrmd.zip").orElseThrow().size();
      }
      try (TrajectoryReader r = ts.open("zip:" + base + "run.zarrmd.zip", s3.config())) {
        assertEquals(local.get("frames").asInt(), r.info().frames());
        long fetched = meter.get().bytes(MeteredStore.Operation.GET);
        System.out.println("info of a " + size + "-byte archive on S3 fetched " + fetched + " bytes in "
            + meter.get().snapshot());
        assertTrue(fetched < size / 4, fetched + " bytes fetched of " + size);
      }
    }
  }
}
