package io.trajstream.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trajstream.format.AtomSelection;
import io.trajstream.format.Field;
import io.trajstream.format.FrameBlock;
import io.trajstream.format.FrameRange;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.MeteredStore;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.s3.S3ProxyServer;
import io.trajstream.zarrmd.ZarrmdFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trajstream upload} against an embedded S3Proxy (SigV4 checked) and local disk: what is
 * uploaded reads back with the source's values; an H5MD file gets its index beside it and then opens
 * with one GET and one HEAD; a rerun sends nothing; an upload killed part-way resumes.
 */
class UploadCommandTest {
  private static S3ProxyServer s3;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  private static String s3Url(String key) {
    return "s3://" + S3ProxyServer.BUCKET + "/up-" + UUID.randomUUID().toString().substring(0, 8) + "/" + key;
  }

  /** The storage options that reach the S3Proxy, as command-line arguments. */
  private static List<String> s3Options(Map<String, String> extra) {
    List<String> a = new ArrayList<>();
    Map<String, String> m = new java.util.TreeMap<>(s3.options(s3.endpoint()));
    m.putAll(extra);
    m.forEach((k, v) -> {
      a.add("--storage-option");
      a.add(k + "=" + v);
    });
    return a;
  }

  private static CliRun run(List<String> args, List<String> options) {
    List<String> all = new ArrayList<>(args);
    all.addAll(options);
    return CliRun.of(all.toArray(String[]::new));
  }

  private static void assertSameFrames(String expectedUrl, StoreConfig ec, String actualUrl, StoreConfig ac, EnumSet<Field> fields) throws Exception {
    TrajStream ts = TrajStream.create();
    try (TrajectoryReader a = ts.open(expectedUrl, ec); TrajectoryReader b = ts.open(actualUrl, ac)) {
      assertEquals(a.info().frames(), b.info().frames());
      assertEquals(a.info().atoms(), b.info().atoms());
      FrameRange all = FrameRange.of(0, a.info().frames());
      FrameBlock x = a.read(all, AtomSelection.all(), fields);
      FrameBlock y = b.read(all, AtomSelection.all(), fields);
      for (Field f : fields) {
        assertArrayEquals(x.values(f), y.values(f), f + " of " + actualUrl);
      }
    }
  }

  private static final Pattern SKIPPED = Pattern.compile("\\((\\d+) objects and (\\d+) bytes already there");

  @Test
  void h5mdGoesUpWithItsIndexAndThenOpensWithOneGetAndOneHead() throws Exception {
    Path local = TestEnvironment.requireSharedData().resolve("mdanalysis/cobrotoxin.h5md");
    String url = s3Url("cobrotoxin.h5md");
    List<String> opts = s3Options(Map.of());
    CliRun up = run(List.of("upload", local.toString(), url), opts);
    assertEquals(0, up.exitCode(), up.err());
    assertTrue(up.out().contains("wrote " + url + ".refs.json"), up.out());
    assertTrue(up.err().contains("upload"), "a progress bar on stderr: " + up.err());
    assertFalse(up.out().contains(s3.credential()) || up.err().contains(s3.credential()), "no secret printed");

    assertSameFrames(local.toString(), StoreConfig.empty(), url, s3.config(), EnumSet.of(Field.POSITION));

    AtomicReference<MeteredStore> meter = new AtomicReference<>();
    TrajStream metered = TrajStream.create().withStoreDecorator(s -> {
      MeteredStore m = new MeteredStore(s);
      meter.set(m);
      return m;
    });
    try (TrajectoryReader r = metered.open(url, s3.config())) {
      assertEquals(1, meter.get().requests(MeteredStore.Operation.GET), "the index: " + meter.get().snapshot());
      assertEquals(1, meter.get().requests(MeteredStore.Operation.HEAD), "the file's length: " + meter.get().snapshot());
      assertEquals(2, meter.get().totalRequests(), meter.get().snapshot().toString());
      assertTrue(r.info().frames() > 0);
    }

    CliRun again = run(List.of("upload", local.toString(), url, "--quiet"), opts);
    assertEquals(0, again.exitCode(), again.err());
    Matcher m = SKIPPED.matcher(again.out());
    assertTrue(m.find(), again.out());
    assertEquals("1", m.group(1), "the rerun found the file there: " + again.out());
    assertEquals(Long.toString(Files.size(local)), m.group(2), again.out());
  }

  @Test
  void zarrmdGoesToLocalDiskAndReadsBackEqual() throws Exception {
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(300).frames(50).seed(5).build();
    t.writeTo(new ZarrmdFormat(), new FileStore(dir), "local.zarrmd", WriteOptions.of(Map.of("chunk-frames", "7")), 10);
    Path src = dir.resolve("local.zarrmd");
    Path dst = dir.resolve("published/run.zarrmd");
    CliRun up = CliRun.of("upload", src.toString(), dst.toString(), "-q");
    assertEquals(0, up.exitCode(), up.err());
    assertFalse(up.out().contains("refs.json"), "no index for a zarrmd: " + up.out());
    assertSameFrames(src.toString(), StoreConfig.empty(), dst.toString(), StoreConfig.empty(), EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX));
    CliRun again = CliRun.of("upload", src.toString(), dst.toString(), "-q");
    Matcher m = SKIPPED.matcher(again.out());
    assertTrue(m.find(), again.out());
    try (var files = Files.walk(src)) {
      assertEquals(files.filter(Files::isRegularFile).count(), Long.parseLong(m.group(1)), "every object skipped: " + again.out());
    }
  }

  /** Runs the command in a JVM of its own, so that it can be killed. */
  public static final class Child {
    public static void main(String[] args) {
      System.out.println("starting");
      System.out.flush();
      System.exit(TrajStreamCommand.execute(System.out, System.err, args));
    }
  }

  @Test
  void anUploadKilledPartWayResumesAndSkipsWhatArrived() throws Exception {
    // chunks of 12 MB uncompressed: each goes up in parts of 5 MiB
    SyntheticTrajectory t = SyntheticTrajectory.builder().atoms(50_000).frames(60).seed(9).fields(EnumSet.of(Field.POSITION)).build();
    t.writeTo(new ZarrmdFormat(), new FileStore(dir), "big.zarrmd",
        WriteOptions.of(Map.of("chunk-frames", "20", "compressor", "none")), 20);
    Path src = dir.resolve("big.zarrmd");
    String url = s3Url("big.zarrmd");
    Map<String, String> small = Map.of("s3.multipart-threshold", String.valueOf(6 << 20), "s3.part-size", String.valueOf(5 << 20));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
        "upload", src.toString(), url, "--quiet", "--objects-in-flight", "1"));
    cmd.addAll(s3Options(small));
    Path log = dir.resolve("child.err");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    if (!"starting".equals(out.readLine())) {
      p.destroyForcibly();
      fail("the child did not start: " + Files.readString(log));
    }
    StoreUrl u = StoreUrl.parse(url);
    long arrived = 0;
    try (Store store = TrajStream.create().openStore(u, s3.config())) {
      // the step and time chunks, then the first 12 MB position chunk
      while (p.isAlive() && arrived < 3) {
        try (var s = store.list(u.key() + "/")) {
          arrived = s.count();
        }
        Thread.sleep(20);
      }
    }
    assertTrue(p.isAlive(), "the upload was still running when killed: " + Files.readString(log));
    Thread.sleep(150); // most likely in the middle of the next chunk's multipart upload
    p.destroyForcibly();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));

    CliRun again = run(List.of("upload", src.toString(), url, "--quiet"), s3Options(small));
    assertEquals(0, again.exitCode(), again.err());
    Matcher m = SKIPPED.matcher(again.out());
    assertTrue(m.find(), again.out());
    assertTrue(Integer.parseInt(m.group(1)) >= 3, "the objects that arrived before the kill are skipped: " + again.out());
    System.out.println("resumed upload: " + again.out().trim());
    Map<String, String> cfg = new java.util.TreeMap<>(s3.options(s3.endpoint()));
    assertSameFrames(src.toString(), StoreConfig.empty(), url, StoreConfig.of(cfg), EnumSet.of(Field.POSITION));
  }
}
