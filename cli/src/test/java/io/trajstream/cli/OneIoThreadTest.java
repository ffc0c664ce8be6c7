package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trajstream.format.Field;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.IoExecutors;
import io.trajstream.synthetic.SyntheticTrajectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command with an I/O pool of one thread ({@code -Dtrajstream.io.threads=1}) reads an H5MD
 * file of many chunks through the real read path (the H5MD reader's chunk fetches, vectored reads
 * on the shared pool) without deadlocking, and prints what it prints with the default pool:
 * {@code convert} to zarrmd, {@code analyze rg} with two compute threads and four reads in flight,
 * and one {@code frames} read large enough to be fetched in several groups. Each run is a child
 * JVM, so the process-wide pool has the configured size; one that has not finished after two
 * minutes is killed and the test fails with its threads.
 */
class OneIoThreadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final List<String> ONE_IO_THREAD = List.of("-D" + IoExecutors.IO_THREADS_PROPERTY + "=1");
  private static final int FRAMES = 48;

  @TempDir static Path dir;
  private static String small;

  @BeforeAll
  static void write() throws Exception {
    // 4000 atoms, positions and velocities: 6 MiB stored, 12 chunks per field (four frames each)
    SyntheticTrajectory synthetic = SyntheticTrajectory.builder().atoms(4000).frames(FRAMES).seed(23)
        .fields(EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX)).build();
    try (FileStore store = new FileStore(dir)) {
      synthetic.writeTo(TrajStream.create().format("h5md"), store, "small.h5md",
          WriteOptions.of(Map.of("chunk-frames", "4")), 8);
    }
    small = dir.resolve("small.h5md").toString();
    JsonNode info = json("info", "--json", small);
    assertEquals("h5md", info.get("format").asText());
    assertEquals(FRAMES, info.get("frames").asInt());
    assertEquals(4, info.get("chunks").get("position").asInt(), info.toString());
  }

  private static JsonNode json(String... args) throws IOException {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return JSON.readTree(r.out());
  }

  /** The command in a child JVM with {@code jvmOptions}: it must succeed within the limit. */
  private static String child(List<String> jvmOptions, String... args) throws IOException {
    ChildCommand r = ChildCommand.run(jvmOptions, LIMIT, dir, args);
    assertEquals(0, r.exitCode(), "trajstream " + String.join(" ", args) + " with " + jvmOptions + ": " + r.errWithoutLogging());
    return r.out();
  }

  /** A trajectory as the command shows it: info but for where it is, and every frame. */
  private static JsonNode contents(String url) throws IOException {
    ObjectNode info = (ObjectNode) json("info", "--json", url);
    info.remove("store");
    return JSON.createObjectNode().<ObjectNode>set("info", info)
        .set("frames", json("frames", "--json", url, "--frames", "0:" + FRAMES));
  }

  @Test
  void convertWithOneIoThreadWritesWhatTheDefaultPoolWrites() throws Exception {
    String one = dir.resolve("one.zarrmd").toString();
    String many = dir.resolve("many.zarrmd").toString();
    child(ONE_IO_THREAD, "convert", small, one, "--chunk-frames", "4", "--quiet");
    child(List.of(), "convert", small, many, "--chunk-frames", "4", "--quiet");
    JsonNode withOne = contents(one);
    assertEquals(contents(many), withOne);
    // and both are the source's frames
    assertEquals(json("frames", "--json", small, "--frames", "0:" + FRAMES), withOne.get("frames"));
  }

  @Test
  void analyzeWithOneIoThreadAndConcurrentReadsPrintsWhatTheDefaultPoolPrints() throws Exception {
    String[] rg = {"analyze", "rg", small, "--threads", "2", "--io-threads", "4", "--quiet"};
    String withOne = child(ONE_IO_THREAD, rg);
    JsonNode r = JSON.readTree(withOne);
    assertEquals(FRAMES, r.get("values").size(), withOne);
    assertEquals(child(List.of(), rg), withOne);
  }

  @Test
  void oneReadOfManyFetchGroupsWithOneIoThreadReadsWhatTheDefaultPoolReads() throws Exception {
    // every frame at once: more stored bytes than one fetch group, so fetching and decoding overlap
    String[] frames = {"frames", "--json", small, "--frames", "0:" + FRAMES};
    String withOne = child(ONE_IO_THREAD, frames);
    assertTrue(withOne.length() > 1_000_000, "all frames printed: " + withOne.length() + " characters");
    assertEquals(child(List.of(), frames), withOne);
  }
}
