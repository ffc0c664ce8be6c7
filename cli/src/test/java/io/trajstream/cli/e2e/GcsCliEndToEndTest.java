package io.trajstream.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.cli.TrajStreamCommand;
import io.trajstream.gcs.GcsOptions;
import io.trajstream.gcs.GcsStoreFactory;
import io.trajstream.gcs.GcsTestServer;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code trajstream} command on {@code gs://} URLs against the GCS test server (in anonymous
 * mode; the server refuses any request with credentials): {@code info}, {@code frames} and {@code
 * analyze} print the same values as for the same files on local disk (H5MD with and without its
 * index, zarrmd), and {@code convert} writes a zarrmd to {@code gs://} that reads back equal.
 */
class GcsCliEndToEndTest {
  private static final String BUCKET = "traj";
  private static GcsTestServer server;
  private static Path shared;

  @BeforeAll
  static void setUp() throws Exception {
    shared = TestEnvironment.requireSharedData();
    server = GcsTestServer.start();
    server.createBucket(BUCKET);
    server.rejectAuthorization(true);
    try (Store gs = new GcsStoreFactory(Map.of()).create(URI.create("gs://" + BUCKET + "/"), config())) {
      for (String f : List.of("mdanalysis/coordinates/test.h5md", "mdanalysis/cobrotoxin.h5md")) {
        byte[] bytes = Files.readAllBytes(shared.resolve(f));
        gs.write("plain/" + Path.of(f).getFileName(), bytes);
        gs.write("indexed/" + Path.of(f).getFileName(), bytes);
      }
      Path z = shared.resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd");
      StoreFixtures.upload(z, gs, "zarr/synthetic.zarrmd");
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      for (GcsTestServer.Request r : server.requests()) {
        assertEquals(null, r.header("Authorization"), "anonymous mode sent credentials: " + r);
        assertTrue(r.status() != 501 && r.status() != 400, "the server did not understand " + r);
      }
      server.close();
    }
  }

  private static StoreConfig config() {
    return StoreConfig.of(Map.of(GcsOptions.HOST, server.endpoint(), GcsOptions.ANONYMOUS, "true"));
  }

  private static String[] gsOptions() {
    return new String[] {
      "--storage-option", GcsOptions.HOST + "=" + server.endpoint(), "--storage-option", GcsOptions.ANONYMOUS + "=true"
    };
  }

  /** Runs the command in-process; fails the test on a non-zero exit, showing stderr. */
  private static String ok(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TrajStreamCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    assertEquals(0, code, "trajstream " + String.join(" ", args) + " failed:\n" + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String onGcs(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(gsOptions()));
    return ok(all.toArray(String[]::new));
  }

  /** The output with the trajectory's own location taken out, so local and gs:// runs compare equal. */
  private static String normalise(String json, String location) {
    return json.replace(location, "<url>")
        .replaceAll("\"store\"\\s*:\\s*\"[^\"]*\"", "\"store\":\"<store>\"")
        .replaceAll("\"(url|location|file|source)\"\\s*:\\s*\"[^\"]*\"", "\"$1\":\"<url>\"");
  }

  private static void assertSameOutputs(String local, String gs, String atoms) {
    String info = normalise(ok("info", local, "--json"), local);
    assertTrue(info.contains("\"atoms\""), info);
    assertEquals(info, normalise(onGcs("info", gs, "--json"), gs), "info of " + gs);
    String frames = normalise(ok("frames", local, "--frames", "0,1,2", "--atoms", atoms, "--json"), local);
    assertTrue(frames.contains("\"position\""), frames);
    assertEquals(frames, normalise(onGcs("frames", gs, "--frames", "0,1,2", "--atoms", atoms, "--json"), gs),
        "frames of " + gs);
    for (String analysis : List.of("rmsd", "rg")) {
      String result = normalise(ok("analyze", analysis, local, "-q"), local);
      assertTrue(result.contains("\"values\""), result);
      assertEquals(result, normalise(onGcs("analyze", analysis, gs, "-q"), gs), analysis + " of " + gs);
    }
  }

  private static long mediaReadsOf(String object) {
    String encoded = object.replace("/", "%2F");
    return server.requests().stream().filter(r -> r.isMediaDownload() && r.path().endsWith("/o/" + encoded)).count();
  }

  @Test
  void h5mdWithoutIndex() {
    assertSameOutputs(shared.resolve("mdanalysis/coordinates/test.h5md").toString(), "gs://traj/plain/test.h5md", "0,1,4");
    assertSameOutputs(shared.resolve("mdanalysis/cobrotoxin.h5md").toString(), "gcs://traj/plain/cobrotoxin.h5md", "0,5,19384");
  }

  @Test
  void h5mdWithIndexBesideIt() {
    String gs = "gs://traj/indexed/cobrotoxin.h5md";
    onGcs("index", gs);
    assertTrue(server.object(BUCKET, "indexed/cobrotoxin.h5md.refs.json").isPresent(), "the index lies beside the file");
    long before = mediaReadsOf("indexed/cobrotoxin.h5md.refs.json");
    assertSameOutputs(shared.resolve("mdanalysis/cobrotoxin.h5md").toString(), gs, "0,5,19384");
    assertTrue(mediaReadsOf("indexed/cobrotoxin.h5md.refs.json") > before, "opening the file read its index");
  }

  @Test
  void zarrmd() {
    assertSameOutputs(shared.resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd").toString(),
        "gs://traj/zarr/synthetic.zarrmd", "0,1,4");
  }

  @Test
  void convertWritesZarrmdToGcsThatReadsBackEqual() throws IOException {
    String local = shared.resolve("mdanalysis/cobrotoxin.h5md").toString();
    String dst = "gs://traj/converted/cobrotoxin.zarrmd";
    onGcs("convert", "gs://traj/plain/cobrotoxin.h5md", dst, "-q");
    assertTrue(server.object(BUCKET, "converted/cobrotoxin.zarrmd/.zgroup").isPresent(), "a zarr group was written");
    assertTrue(server.object(BUCKET, "converted/cobrotoxin.zarrmd/.zmetadata").isPresent(), "consolidated metadata");

    String info = onGcs("info", dst, "--json");
    assertTrue(info.contains("\"zarrmd\""), info);
    assertTrue(info.replace(" ", "").contains("\"atoms\":19385"), info);
    assertTrue(info.replace(" ", "").contains("\"frames\":3"), info);
    assertEquals(
        normalise(ok("frames", local, "--frames", "0,1,2", "--atoms", "0,1,2,777,19384", "--json"), local),
        normalise(onGcs("frames", dst, "--frames", "0,1,2", "--atoms", "0,1,2,777,19384", "--json"), dst));
    for (String analysis : List.of("rmsd", "rg")) {
      assertEquals(normalise(ok("analyze", analysis, local, "-q"), local),
          normalise(onGcs("analyze", analysis, dst, "-q"), dst), analysis + " of " + dst);
    }

    // and the other way round: a local zarrmd written from gs:// equals the gs:// one
    Path back = Files.createTempDirectory("gcs-e2e").resolve("back.zarrmd");
    onGcs("convert", dst, back.toString(), "-q");
    assertEquals(
        normalise(onGcs("frames", dst, "--frames", "0:3", "--atoms", "0:50", "--json"), dst),
        normalise(ok("frames", back.toString(), "--frames", "0:3", "--atoms", "0:50", "--json"), back.toString()));
    assertFalse(server.requests().isEmpty());
  }
}
