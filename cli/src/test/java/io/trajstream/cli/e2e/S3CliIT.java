package io.trajstream.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.Store;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.TestEnvironment.ProcessResult;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code trajstream} command (the shaded jar, run as its own process) on {@code s3://}
 * URLs against an embedded S3Proxy: {@code info}, {@code frames} and {@code analyze} print the same
 * values as for the same files on local disk (H5MD with and without its index, zarrmd), and {@code
 * convert} writes a zarrmd to {@code s3://} that reads back equal. Credentials reach the process the
 * usual way, through {@code AWS_*} environment variables and the SDK's default chain; the endpoint
 * through {@code --storage-option s3.endpoint=…}.
 *
 * <p>Runs as an integration test (failsafe, after {@code package}), so the shaded jar exists; it
 * comes from the system property {@code trajstream.jar}. Needs the shared peer data: skips without
 * it, fails under {@code CI=true}.
 */
class S3CliIT {
  private static S3ProxyServer server;
  private static Path shared;
  private static Path jar;
  private static String root;

  @TempDir Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    shared = TestEnvironment.requireSharedData();
    jar = Path.of(System.getProperty("trajstream.jar", Path.of("target", "trajstream.jar").toString()))
        .toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " must be built before integration tests");
    server = S3ProxyServer.withAuthentication();
    root = "s3://" + S3ProxyServer.BUCKET + "/cli-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    try (Store s3 = new S3StoreFactory().create(URI.create(root), server.config())) {
      for (String f : List.of("mdanalysis/coordinates/test.h5md", "mdanalysis/cobrotoxin.h5md")) {
        byte[] bytes = Files.readAllBytes(shared.resolve(f));
        s3.write("plain/" + Path.of(f).getFileName(), bytes);
        s3.write("indexed/" + Path.of(f).getFileName(), bytes);
      }
      Path z = shared.resolve("zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd");
      StoreFixtures.upload(z, s3, "zarr/synthetic.zarrmd");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Runs the command; s3 credentials come from the environment, never from the command line. */
  private ProcessResult trajstream(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", server.identity());
    env.put("AWS_SECRET_ACCESS_KEY", server.credential());
    env.put("AWS_REGION", "us-east-1");
    Path out = tmp.resolve("out-" + UUID.randomUUID() + ".txt");
    Path err = tmp.resolve("err-" + UUID.randomUUID() + ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("trajstream timed out: " + String.join(" ", args));
      }
      return new ProcessResult(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String ok(String... args) throws IOException {
    ProcessResult r = trajstream(args);
    assertEquals(0, r.exitCode(), "trajstream " + String.join(" ", args) + " failed:\n" + r.stderr() + r.stdout());
    assertTrue(!r.stderr().contains(server.credential()) && !r.stdout().contains(server.credential()),
        "the secret must never be printed");
    return r.stdout();
  }

  private String endpoint() {
    return "s3.endpoint=" + server.endpoint();
  }

  /** The output with the trajectory's own location taken out, so local and s3 runs compare equal. */
  private static String normalise(String json, String location) {
    return json.replace(location, "<url>")
        .replaceAll("\"store\"\\s*:\\s*\"[^\"]*\"", "\"store\":\"<store>\"")
        .replaceAll("\"(url|location|file|source)\"\\s*:\\s*\"[^\"]*\"", "\"$1\":\"<url>\"");
  }

  private void assertSameInfoAndFrames(String local, String s3, String atoms) throws IOException {
    assertEquals(normalise(ok("info", local, "--json"), local),
        normalise(ok("info", s3, "--json", "--storage-option", endpoint()), s3), "info of " + s3);
    assertEquals(
        normalise(ok("frames", local, "--frames", "0,1,2", "--atoms", atoms, "--json"), local),
        normalise(ok("frames", s3, "--frames", "0,1,2", "--atoms", atoms, "--json", "--storage-option", endpoint()), s3),
        "frames of " + s3);
  }

  private void assertSameAnalyses(String local, String s3) throws IOException {
    for (String analysis : List.of("rmsd", "rg")) {
      assertEquals(normalise(ok("analyze", analysis, local), local),
          normalise(ok("analyze", analysis, s3, "--storage-option", endpoint()), s3), analysis + " of " + s3);
    }
  }

  private static final String TEST_H5MD = "mdanalysis/coordinates/test.h5md";
  private static final String COBROTOXIN = "mdanalysis/cobrotoxin.h5md";
  private static final String ZARRMD = "zarrtraj/COORDINATES_SYNTHETIC_ZARRMD.zarrmd";

  @Test
  void h5mdInfoAndFrames() throws IOException {
    assertSameInfoAndFrames(shared.resolve(TEST_H5MD).toString(), root + "plain/test.h5md", "0,1,4");
    assertSameInfoAndFrames(shared.resolve(COBROTOXIN).toString(), root + "plain/cobrotoxin.h5md", "0,5,19384");
  }

  @Test
  void h5mdAnalyses() throws IOException {
    assertSameAnalyses(shared.resolve(TEST_H5MD).toString(), root + "plain/test.h5md");
    assertSameAnalyses(shared.resolve(COBROTOXIN).toString(), root + "plain/cobrotoxin.h5md");
  }

  @Test
  void h5mdWithIndexBesideIt() throws IOException {
    String s3 = root + "indexed/cobrotoxin.h5md";
    ok("index", s3, "--storage-option", endpoint());
    try (Store store = new S3StoreFactory().create(URI.create(root), server.config())) {
      assertTrue(store.list("indexed/").anyMatch(e -> e.key().startsWith("indexed/cobrotoxin.h5md") && e.key().endsWith(".json")),
          "the index lies beside the file");
    }
    assertSameInfoAndFrames(shared.resolve(COBROTOXIN).toString(), s3, "0,5,19384");
    assertSameAnalyses(shared.resolve(COBROTOXIN).toString(), s3);
  }

  @Test
  void zarrmdInfoAndFrames() throws IOException {
    assertSameInfoAndFrames(shared.resolve(ZARRMD).toString(), root + "zarr/synthetic.zarrmd", "0,1,4");
  }

  @Test
  void zarrmdAnalyses() throws IOException {
    assertSameAnalyses(shared.resolve(ZARRMD).toString(), root + "zarr/synthetic.zarrmd");
  }

  @Test
  void convertWritesZarrmdToS3ThatReadsBackEqual() throws IOException {
    String src = shared.resolve(COBROTOXIN).toString();
    String dst = root + "converted/cobrotoxin.zarrmd";
    ok("convert", src, dst, "--storage-option", endpoint());
    String local = tmp.resolve("cobrotoxin.zarrmd").toString();
    ok("convert", src, local);
    assertEquals(
        normalise(ok("frames", local, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json"), local),
        normalise(ok("frames", dst, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json", "--storage-option", endpoint()), dst));
    assertEquals(
        normalise(ok("frames", src, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json"), src),
        normalise(ok("frames", dst, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json", "--storage-option", endpoint()), dst),
        "converted values equal the source's");
    assertEquals(normalise(ok("analyze", "rmsd", src), src),
        normalise(ok("analyze", "rmsd", dst, "--storage-option", endpoint()), dst));
  }

  /** convert to {@code s3://…/x.h5md}: built locally, uploaded once, read back through S3 as the local copy and the source. */
  @Test
  void convertWritesH5mdToS3ThatReadsBackEqual() throws IOException {
    String src = shared.resolve(COBROTOXIN).toString();
    String dst = root + "converted/cobrotoxin-copy.h5md";
    ok("convert", src, dst, "--storage-option", endpoint(), "--chunk-frames", "2");
    String local = tmp.resolve("cobrotoxin-copy.h5md").toString();
    ok("convert", src, local, "--chunk-frames", "2");
    assertEquals(
        normalise(ok("frames", local, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json"), local),
        normalise(ok("frames", dst, "--frames", "0,1,2", "--atoms", "0,7,19384", "--json", "--storage-option", endpoint()), dst));
    assertEquals(
        normalise(ok("frames", src, "--frames", "0,1,2", "--atoms", "0,7,19384", "--fields", "position", "--json"), src),
        normalise(ok("frames", dst, "--frames", "0,1,2", "--atoms", "0,7,19384", "--fields", "position", "--json",
            "--storage-option", endpoint()), dst),
        "converted positions equal the source's");
    assertTrue(ok("info", dst, "--json", "--storage-option", endpoint()).contains("\"h5md\""), "read back as H5MD");
  }

  @Test
  void anonymousAccessToAnAuthenticatedServerFailsWithOneClearLine() throws IOException {
    ProcessResult r = trajstream("info", root + "plain/test.h5md", "--storage-option", endpoint(),
        "--storage-option", "s3.anonymous=true");
    assertEquals(1, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("access denied") && r.stderr().contains(root + "plain/test.h5md"), r.stderr());
  }

  /**
   * A GROMACS XTC (made by {@code gmx trjconv} from the shared cobrotoxin TRR) converted straight to
   * a zarrmd on S3, with a progress bar: the values read back through S3 equal those of the XTC.
   */
  @Test
  void convertFromXtcToS3WithProgress() throws IOException {
    String gmx = TestEnvironment.requireCommand("gmx", "gromacs");
    Path xtc = tmp.resolve("run.xtc");
    // trjconv asks which group to write: 0, the whole system
    TestEnvironment.runChecked(List.of(gmx, "trjconv", "-f", shared.resolve("mdanalysis/cobrotoxin.trr").toString(),
        "-o", xtc.toString()), tmp, "0\n");
    String dst = root + "converted/run.zarrmd";
    ProcessResult r = trajstream("convert", xtc.toString(), dst, "--storage-option", endpoint());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("convert 100%"), "progress bar on stderr: " + r.stderr());
    String frames = "0,1,2"; // every frame of the run
    assertEquals(
        normalise(ok("frames", xtc.toString(), "--frames", frames, "--atoms", "0,7,19384", "--json"), xtc.toString()),
        normalise(ok("frames", dst, "--frames", frames, "--atoms", "0,7,19384", "--json", "--storage-option", endpoint()), dst),
        "values converted from XTC equal the XTC's");
  }
}
