package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.runtime.UrlSecrets;
import io.trajstream.store.FileStore;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.net.NginxServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A URL's secrets (the password of its user-info, the values of a presigned URL's signature,
 * credential and token parameters) are never printed by the command: {@code info} of a small
 * trajectory on a real web server (nginx) with such a URL works, with and without {@code --debug},
 * and shows the URL with its secrets masked; {@code info} of a missing file fails naming the masked
 * URL, with and without the stack trace {@code --debug} adds. Each run is a child JVM, so whatever
 * reaches the process's stdout and stderr is checked, not only what the command writes itself.
 */
class UrlSecretsNotPrintedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final String PASSWORD = "SECRETPW";
  /** Presigned-style query parameters, each with its secret value. */
  private static final List<Map.Entry<String, String>> QUERY = List.of(Map.entry("X-Amz-Signature", "SECRETSIG"),
      Map.entry("X-Amz-Credential", "SECRETCRED"), Map.entry("token", "SECRETTOK"));
  private static final List<String> SECRETS = List.of(PASSWORD, "SECRETSIG", "SECRETCRED", "SECRETTOK");

  @TempDir static Path dir;
  private static NginxServer nginx;
  private static JsonNode local;

  @BeforeAll
  static void serve() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(30).frames(12).seed(3).build();
    try (FileStore store = new FileStore(served)) {
      synthetic.writeTo(TrajStream.create().format("h5md"), store, "small.h5md", WriteOptions.of(Map.of("chunk-frames", "4")), 4);
    }
    CliRun info = CliRun.of("info", "--json", served.resolve("small.h5md").toString());
    assertEquals(0, info.exitCode(), info.err());
    local = JSON.readTree(info.out());
    nginx = NginxServer.start(served);
  }

  @AfterAll
  static void stop() throws IOException {
    if (nginx != null) {
      nginx.close();
    }
  }

  /** {@code nginx}'s URL of {@code name} with user-info {@code user:PASSWORD} and the query, or with the secrets masked. */
  private static String url(String name, boolean masked) {
    URI plain = URI.create(nginx.url(name));
    StringBuilder b = new StringBuilder(plain.getScheme()).append("://user:").append(masked ? UrlSecrets.MASK : PASSWORD)
        .append('@').append(plain.getRawAuthority()).append(plain.getRawPath());
    char sep = '?';
    for (Map.Entry<String, String> e : QUERY) {
      b.append(sep).append(e.getKey()).append('=').append(masked ? UrlSecrets.MASK : e.getValue());
      sep = '&';
    }
    return b.toString();
  }

  private static ChildCommand run(boolean debug, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    if (debug) {
      all.add("--debug");
    }
    ChildCommand r = ChildCommand.run(List.of(), LIMIT, dir, all.toArray(String[]::new));
    for (String secret : SECRETS) {
      assertFalse(r.out().contains(secret), secret + " on stdout of " + all + ":\n" + r.out());
      assertFalse(r.err().contains(secret), secret + " on stderr of " + all + ":\n" + r.err());
    }
    return r;
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {false, true})
  void infoWorksAndShowsTheMaskedUrl(boolean debug) throws Exception {
    ChildCommand text = run(debug, "info", url("small.h5md", false));
    assertEquals(0, text.exitCode(), text.errWithoutLogging());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("store +\\Q" + url("small.h5md", true) + "\\E")),
        "store line with " + url("small.h5md", true) + ":\n" + text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("frames +" + local.get("frames").asInt())), text.out());

    ChildCommand json = run(debug, "info", "--json", url("small.h5md", false));
    assertEquals(0, json.exitCode(), json.errWithoutLogging());
    JsonNode remote = JSON.readTree(json.out());
    assertEquals(url("small.h5md", true), remote.get("store").asText());
    for (String k : List.of("format", "atoms", "frames", "fields", "time", "steps", "chunks")) {
      assertEquals(local.get(k), remote.get(k), k);
    }
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {false, true})
  void aMissingFileFailsNamingTheMaskedUrl(boolean debug) throws Exception {
    ChildCommand r = run(debug, "info", url("absent.h5md", false));
    String err = r.errWithoutLogging();
    assertEquals(1, r.exitCode(), err);
    assertEquals("", r.out());
    String first = err.lines().findFirst().orElse("");
    assertTrue(first.startsWith("trajstream: ") && first.contains("not found"), err);
    assertTrue(first.contains(url("absent.h5md", true)), "names " + url("absent.h5md", true) + ": " + err);
    if (debug) {
      assertTrue(err.contains("\tat "), "--debug adds the stack trace: " + err);
    } else {
      assertEquals(1, err.lines().count(), err);
    }
  }
}
