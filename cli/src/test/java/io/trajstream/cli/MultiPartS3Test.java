package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trajstream.s3.S3StoreFactory;
import io.trajstream.store.Store;
import io.trajstream.testkit.StoreFixtures;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key pattern on S3 (S3Proxy, SigV4): {@code s3://bucket/run/run.part*.zarrmd} is expanded by a
 * listing to the zarrmd directories below, in natural order, and mixed with a local part.
 */
class MultiPartS3Test {
  @TempDir Path dir;

  @Test
  void aPatternOnS3ListsThePartsInNaturalOrder() throws Exception {
    List<String> local = new ArrayList<>();
    for (int p : new int[] {1, 2, 10}) {
      local.add(PartWriter.write(dir, "run.part" + p + ".zarrmd", 6, p, 6 * (p == 10 ? 2 : p - 1), "nm"));
    }
    try (S3ProxyServer s3 = S3ProxyServer.withAuthentication()) {
      String root = "s3://" + S3ProxyServer.BUCKET + "/run/";
      try (Store direct = new S3StoreFactory().create(URI.create(root), s3.config())) {
        for (int p : new int[] {1, 2, 10}) {
          StoreFixtures.upload(dir.resolve("run.part" + p + ".zarrmd"), direct, "run.part" + p + ".zarrmd");
        }
        StoreFixtures.upload(dir.resolve("run.part1.zarrmd"), direct, "other.zarrmd");
      }
      List<String> args = new ArrayList<>(List.of("info", "--json", root + "run.part*.zarrmd", local.get(0)));
      for (Map.Entry<String, String> e : s3.options(s3.endpoint()).entrySet()) {
        args.add("--storage-option");
        args.add(e.getKey() + "=" + e.getValue());
      }
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(!r.out().contains(s3.credential()) && !r.err().contains(s3.credential()), "no secret printed");
      JsonNode info = new ObjectMapper().readTree(r.out());
      assertEquals(24, info.get("frames").asInt());
      JsonNode parts = info.get("parts");
      assertEquals(4, parts.size());
      assertTrue(parts.get(0).get("location").asText().endsWith("/run/run.part1.zarrmd"), parts.toString());
      assertTrue(parts.get(1).get("location").asText().endsWith("/run/run.part2.zarrmd"), parts.toString());
      assertTrue(parts.get(2).get("location").asText().endsWith("/run/run.part10.zarrmd"), parts.toString());
      assertTrue(parts.get(3).get("location").asText().startsWith("file:"), parts.toString());
    }
  }
}
