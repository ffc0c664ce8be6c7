package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info}, {@code frames}, {@code analyze} and {@code convert} over several parts given one by
 * one or as a pattern: the parts are listed, frames of the second part are its own, results equal
 * those of the parts run one by one, and a conversion joins the parts into one zarrmd.
 */
class MultiPartCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private String a;
  private String b;

  @BeforeEach
  void write() throws IOException {
    a = PartWriter.write(dir, "run.part1.zarrmd", 12, 1, 0, "nm");
    b = PartWriter.write(dir, "run.part2.zarrmd", 9, 2, 12, "nm");
  }

  private static JsonNode json(String... args) throws IOException {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void infoListsTheParts() throws IOException {
    JsonNode info = json("info", "--json", dir.resolve("run.part*.zarrmd").toString());
    assertEquals(21, info.get("frames").asInt());
    assertEquals(2, info.get("parts").size());
    assertEquals(12, info.get("parts").get(1).get("start").asInt());
    assertEquals(9, info.get("parts").get(1).get("frames").asInt());
    assertTrue(info.get("parts").get(1).get("location").asText().endsWith("run.part2.zarrmd"));
    CliRun text = CliRun.of("info", a, b);
    assertTrue(text.out().contains("parts        2") && text.out().contains("frames 12..20 (9) from"), text.out());
    // a restart: part 3 starts again at 5 ps, so part 1 keeps its frames before 5 ps
    String c = PartWriter.write(dir, "restart.zarrmd", 10, 3, 5, "nm");
    JsonNode joined = json("info", "--json", "--continuous", a, c);
    assertEquals(15, joined.get("frames").asInt());
    assertEquals(5, joined.get("parts").get(1).get("start").asInt());
  }

  @Test
  void framesOfTheSecondPartAreItsOwn() throws IOException {
    JsonNode chained = json("frames", "--json", a, b, "--frames", "13", "--atoms", "0,24");
    JsonNode alone = json("frames", "--json", b, "--frames", "1", "--atoms", "0,24");
    assertEquals(alone.get("frames").get(0).get("position"), chained.get("frames").get(0).get("position"));
    assertEquals(13, chained.get("frames").get(0).get("frame").asInt());
  }

  @Test
  void analyzeOverPartsEqualsThePartsOneByOne() throws IOException {
    JsonNode chained = json("analyze", "rg", a, b, "--threads", "2");
    JsonNode first = json("analyze", "rg", a);
    JsonNode second = json("analyze", "rg", b);
    assertEquals(21, chained.get("values").size());
    for (int i = 0; i < 12; i++) {
      assertEquals(first.get("values").get(i).asDouble(), chained.get("values").get(i).asDouble(), 0, "frame " + i);
    }
    for (int i = 0; i < 9; i++) {
      assertEquals(second.get("values").get(i).asDouble(), chained.get("values").get(12 + i).asDouble(), 0,
          "frame " + (12 + i));
    }
  }

  @Test
  void convertJoinsThePartsIntoOneZarrmd() throws IOException {
    String out = dir.resolve("joined.zarrmd").toString();
    CliRun r = CliRun.of("convert", a, b, out, "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode info = json("info", "--json", out);
    assertEquals(21, info.get("frames").asInt());
    assertTrue(info.get("parts") == null, "one part: no parts listed");
    // restarted numbering cannot be one trajectory unless joined by time
    String c = PartWriter.write(dir, "restart.zarrmd", 10, 3, 5, "nm");
    CliRun refused = CliRun.of("convert", a, c, dir.resolve("bad.zarrmd").toString(), "--quiet");
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("--continuous") && refused.err().contains("restart.zarrmd"), refused.err());
    assertEquals(0, CliRun.of("convert", "--continuous", a, c, dir.resolve("ok.zarrmd").toString(), "--quiet").exitCode());
    assertEquals(15, json("info", "--json", dir.resolve("ok.zarrmd").toString()).get("frames").asInt());
    assertEquals(json("frames", "--json", b, "--frames", "0:9").get("frames").get(8).get("position"),
        json("frames", "--json", out, "--frames", "20").get("frames").get(0).get("position"));
  }
}
