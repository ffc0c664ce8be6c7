package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.net.NginxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trajectories on a plain static web server (a real nginx: directories refused with 403, no
 * listing) open by URL with and without a trailing slash, with and without an extension, and read
 * the same values as the local files they were served from.
 */
class StaticHttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String... args) throws IOException {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return JSON.readTree(r.out());
  }

  private static int status(String url, String method) throws IOException, InterruptedException {
    HttpClient c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return c.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Same info (but for where it is) and the same values of every frame as the local copy. */
  private static void assertSameTrajectory(Path local, String url, String format) throws IOException {
    JsonNode localInfo = json("info", "--json", local.toString());
    JsonNode remoteInfo = json("info", "--json", url);
    assertEquals(format, remoteInfo.get("format").asText(), url);
    for (String k : List.of("atoms", "frames", "fields", "units", "time", "chunks")) {
      assertEquals(localInfo.get(k), remoteInfo.get(k), url + ": " + k);
    }
    String all = "0:" + localInfo.get("frames").asInt();
    assertEquals(json("frames", "--json", local.toString(), "--frames", all),
        json("frames", "--json", url, "--frames", all), url + ": frames");
  }

  @Test
  void zarrmdOpensWithAndWithoutTrailingSlashAndExtension(@TempDir Path dir) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path served = Files.createDirectories(dir.resolve("served"));
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(120).frames(40).seed(7).build();
    try (FileStore store = new FileStore(work)) {
      synthetic.writeTo(TrajStream.create().format("zarrmd"), store, "synthetic.zarrmd",
          WriteOptions.of(java.util.Map.of("chunk-frames", "8")), 10);
    }
    CliRun convert = CliRun.of("convert", work.resolve("synthetic.zarrmd").toString(),
        served.resolve("w2k.zarrmd").toString(), "--chunk-frames", "16");
    assertEquals(0, convert.exitCode(), convert.err());
    copyTree(served.resolve("w2k.zarrmd"), served.resolve("plain"));

    try (NginxServer nginx = NginxServer.start(served)) {
      // the server behaves as a static host: a directory is refused, its metadata served
      assertEquals(403, status(nginx.url("w2k.zarrmd/"), "GET"));
      assertEquals(403, status(nginx.url("plain"), "HEAD"));
      assertEquals(200, status(nginx.url("w2k.zarrmd/.zgroup"), "HEAD"));

      // before: "access denied (HTTP 403)" from the H5MD probe asking for the directory itself
      for (String url : List.of(nginx.url("w2k.zarrmd/"), nginx.url("w2k.zarrmd"), nginx.url("plain/"), nginx.url("plain"))) {
        assertSameTrajectory(served.resolve("w2k.zarrmd"), url, "zarrmd");
      }
      JsonNode rg = json("analyze", "rg", nginx.url("plain/"), "--quiet");
      assertEquals(40, rg.get("values").size());

      CliRun missing = CliRun.of("info", nginx.url("absent.zarrmd/"));
      assertEquals(1, missing.exitCode(), missing.err());
      assertEquals(1, missing.err().lines().count(), missing.err());
      assertTrue(missing.err().contains(nginx.url("absent.zarrmd")), missing.err());
    }
  }

  @Test
  void h5mdOpensWithAndWithoutExtension(@TempDir Path dir) throws Exception {
    Path source = TestEnvironment.requireSharedData().resolve("mdanalysis/coordinates/test.h5md");
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.copy(source, served.resolve("run.h5md"));
    Files.copy(source, served.resolve("run-without-extension"));
    try (NginxServer nginx = NginxServer.start(served)) {
      assertSameTrajectory(served.resolve("run.h5md"), nginx.url("run.h5md"), "h5md");
      assertSameTrajectory(served.resolve("run.h5md"), nginx.url("run-without-extension"), "h5md");
      CliRun missing = CliRun.of("info", nginx.url("absent.h5md"));
      assertEquals(1, missing.exitCode(), missing.err());
      assertTrue(missing.err().contains("not found") && missing.err().contains("absent.h5md"), missing.err());
    }
  }
}
