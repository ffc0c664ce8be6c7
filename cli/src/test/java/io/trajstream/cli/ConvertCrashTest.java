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
import io.trajstream.format.TrajectoryInfo;
import io.trajstream.format.TrajectoryReader;
import io.trajstream.format.WriteOptions;
import io.trajstream.runtime.StoreUrl;
import io.trajstream.runtime.TrajStream;
import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.synthetic.SyntheticTrajectory;
import io.trajstream.testkit.s3.S3ProxyServer;
import io.trajstream.zarrmd.ZarrmdFormat;
import io.trajstream.zarrmd.ZarrmdWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash-safe conversion: a child JVM running {@code trajstream convert} to zarrmd is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at 20 moments spread over the write, on a local
 * directory and on S3 (an embedded S3Proxy). After each kill the target either opens as a complete
 * trajectory whose every frame equals the source's, or every reader fails with one line saying the
 * store is incomplete (or nothing was written yet); running the conversion again then completes it.
 * Never wrong values.
 */
class ConvertCrashTest {
  private static final int KILLS = 20;
  private static final Set<Field> FIELDS = EnumSet.of(Field.POSITION, Field.VELOCITY, Field.BOX);
  private static S3ProxyServer s3;
  @TempDir static Path dir;
  private static String source;
  private static SyntheticTrajectory synthetic;
  private static final TrajStream TS = TrajStream.create();

  /** The child JVM: says when the command starts (so kills fall in the write), then runs it. */
  public static final class Child {
    public static void main(String[] args) {
      System.out.println("starting");
      System.out.flush();
      System.exit(TrajStreamCommand.execute(System.out, System.err, args));
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    synthetic = SyntheticTrajectory.builder().atoms(500).frames(120).seed(11).fields(FIELDS).build();
    synthetic.writeTo(new ZarrmdFormat(), new FileStore(dir), "source.zarrmd", WriteOptions.of(Map.of("chunk-frames", "8")), 8);
    source = dir.resolve("source.zarrmd").toString();
    s3 = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  /** Where one conversion writes, and how to reach it in-process and from the child. */
  private record Target(String url, StoreConfig config, List<String> options) {}

  private static Target target(String kind, String name) {
    if (kind.equals("file")) {
      return new Target(dir.resolve(kind + "-" + name + ".zarrmd").toString(), StoreConfig.empty(), List.of());
    }
    String url = "s3://" + S3ProxyServer.BUCKET + "/crash-" + UUID.randomUUID().toString().substring(0, 8) + "/" + name + ".zarrmd";
    return new Target(url, s3.config(), List.of("--dst-storage-option", "s3.endpoint=" + s3.endpoint(),
        "--dst-storage-option", "s3.region=us-east-1"));
  }

  private static List<String> convertArgs(Target t) {
    List<String> args = new ArrayList<>(List.of("convert", source, t.url(), "--chunk-frames", "2", "--quiet"));
    args.addAll(t.options());
    return args;
  }

  /** Starts the child converting to {@code t}; returns once it says it starts the command. */
  private static Process startChild(Target t, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName()));
    cmd.addAll(convertArgs(t));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    // S3 credentials reach the child the usual way: the SDK's environment variables.
    pb.environment().put("AWS_ACCESS_KEY_ID", s3.identity());
    pb.environment().put("AWS_SECRET_ACCESS_KEY", s3.credential());
    pb.environment().put("AWS_REGION", "us-east-1");
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (!"starting".equals(first)) {
      p.destroyForcibly();
      fail("the child did not start: " + first + "\n" + Files.readString(log));
    }
    return p;
  }

  /**
   * Waits until the child starts writing the target (its incomplete-store marker appears); returns
   * false when the child ended first.
   */
  private static boolean awaitWriteStart(Process p, Target t) throws Exception {
    StoreUrl u = StoreUrl.parse(t.url());
    String marker = (u.key().endsWith("/") ? u.key() : u.key() + "/") + ZarrmdWriter.INCOMPLETE_MARKER;
    try (Store store = TS.openStore(u, t.config())) {
      while (p.isAlive()) {
        if (store.exists(marker)) {
          return true;
        }
        Thread.sleep(1);
      }
    }
    return false;
  }

  /**
   * Runs one whole conversion in a child; returns how long its writing took (from the marker's
   * appearance to its removal, the conversion's last step).
   */
  private static long calibrate(Target t, String kind) throws Exception {
    Path log = dir.resolve("calibrate-" + kind + ".err");
    Process p = startChild(t, log);
    assertTrue(awaitWriteStart(p, t), "the calibration run wrote its marker: " + Files.readString(log));
    long t0 = System.nanoTime();
    StoreUrl u = StoreUrl.parse(t.url());
    try (Store store = TS.openStore(u, t.config())) {
      while (p.isAlive() && store.exists(u.key() + "/" + ZarrmdWriter.INCOMPLETE_MARKER)) {
        Thread.sleep(1);
      }
    }
    long took = System.nanoTime() - t0;
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the calibration run finished");
    assertEquals(0, p.exitValue(), Files.readString(log));
    assertEqualsSource(t);
    return took;
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "s3"})
  void killedConvertLeavesACompleteOrAnIncompleteStoreNeverWrongValues(String kind) throws Exception {
    long window = calibrate(target(kind, "calibration"), kind);
    Random random = new Random(kind.hashCode());
    int incomplete = 0;
    int complete = 0;
    int empty = 0;
    for (int k = 0; k < KILLS; k++) {
      Target t = target(kind, "kill-" + k);
      // Stratified over the write: the k-th kill falls in the k-th twentieth of it.
      long delayNanos = (long) ((k + random.nextDouble()) / KILLS * window);
      Path log = dir.resolve(kind + "-kill-" + k + ".err");
      Process p = startChild(t, log);
      if (awaitWriteStart(p, t)) {
        TimeUnit.NANOSECONDS.sleep(delayNanos);
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the killed child ended");
      String where = kind + " kill " + k + " after " + delayNanos / 1_000_000 + " ms";
      switch (outcome(t, where)) {
        case COMPLETE -> complete++;
        case INCOMPLETE -> incomplete++;
        case EMPTY -> empty++;
      }
      // Running the conversion again (plainly, or with --append) completes the store (unless it already is).
      if (!opens(t)) {
        List<String> again = withCredentials(convertArgs(t), t, "--dst-storage-option");
        if (k % 2 == 1) {
          again.add("--append");
        }
        CliRun rerun = CliRun.of(again.toArray(String[]::new));
        assertEquals(0, rerun.exitCode(), where + ": rerun failed: " + rerun.err());
      }
      assertEqualsSource(t);
    }
    System.out.printf("%s: %d kills left %d complete, %d incomplete and %d empty stores%n", kind, KILLS, complete, incomplete, empty);
    assertTrue(incomplete > 0, kind + ": no kill fell inside the write (" + complete + " complete, " + empty + " empty)");
  }

  private enum Outcome { COMPLETE, INCOMPLETE, EMPTY }

  /** What a kill left: checked through the reader and through the command's one-line error. */
  private static Outcome outcome(Target t, String where) throws IOException {
    if (opens(t)) {
      assertEqualsSource(t);
      return Outcome.COMPLETE;
    }
    CliRun info = CliRun.of(withCredentials(List.of("info", t.url()), t, "--storage-option").toArray(String[]::new));
    assertEquals(1, info.exitCode(), where + ": info of a killed conversion: " + info.out() + info.err());
    String err = info.err().strip();
    assertFalse(err.contains("\n"), where + ": one line, got: " + err);
    assertFalse(err.contains(s3.credential()), "no secret in messages");
    if (holdsNothing(t)) {
      return Outcome.EMPTY; // killed before its first object was stored
    }
    assertTrue(err.contains("incomplete store") && err.contains("rerun convert"), where + ": " + err);
    return Outcome.INCOMPLETE;
  }

  /** The arguments with the S3 server's options, credentials included (in-process runs only). */
  private static List<String> withCredentials(List<String> args, Target t, String option) {
    List<String> all = new ArrayList<>(args);
    if (!t.options().isEmpty()) {
      for (Map.Entry<String, String> e : s3.options(s3.endpoint()).entrySet()) {
        if (option.equals("--dst-storage-option") && !e.getKey().contains("key")) {
          continue; // endpoint and region are among the conversion's own options
        }
        all.add(option);
        all.add(e.getKey() + "=" + e.getValue());
      }
    }
    return all;
  }

  private static boolean opens(Target t) {
    try (TrajectoryReader r = TS.open(t.url(), t.config())) {
      return r.info().frames() >= 0;
    } catch (io.trajstream.format.FormatException | IOException e) {
      return false;
    }
  }

  private static boolean holdsNothing(Target t) throws IOException {
    StoreUrl u = StoreUrl.parse(t.url());
    try (Store store = TS.openStore(u, t.config());
        Stream<io.trajstream.store.StoreEntry> entries = store.list(u.key().endsWith("/") ? u.key() : u.key() + "/")) {
      return entries.findAny().isEmpty();
    }
  }

  /** The target opens and every frame (steps, times, all fields) equals the source's exactly. */
  private static void assertEqualsSource(Target t) throws IOException {
    try (TrajectoryReader src = TS.open(source, StoreConfig.empty());
        TrajectoryReader dst = TS.open(t.url(), t.config())) {
      TrajectoryInfo a = src.info();
      TrajectoryInfo b = dst.info();
      assertEquals(a.frames(), b.frames(), t.url() + " frames");
      assertEquals(a.atoms(), b.atoms(), t.url() + " atoms");
      assertEquals(a.fields(), b.fields(), t.url() + " fields");
      FrameRange all = FrameRange.of(0, a.frames());
      FrameBlock x = src.read(all, AtomSelection.all(), FIELDS);
      FrameBlock y = dst.read(all, AtomSelection.all(), FIELDS);
      for (int i = 0; i < a.frames(); i++) {
        assertEquals(x.step(i), y.step(i), t.url() + " step of frame " + i);
        assertEquals(x.time(i), y.time(i), t.url() + " time of frame " + i);
      }
      assertArrayEquals(x.values(Field.POSITION), y.values(Field.POSITION), t.url() + " positions");
      assertArrayEquals(x.values(Field.VELOCITY), y.values(Field.VELOCITY), t.url() + " velocities");
      // Boxes go through the [F,3,3] vector layout: lengths and angles within float rounding.
      float[] bx = x.values(Field.BOX);
      float[] by = y.values(Field.BOX);
      assertEquals(bx.length, by.length, t.url() + " boxes");
      for (int i = 0; i < bx.length; i++) {
        assertEquals(bx[i], by[i], 1e-5 * Math.max(1, Math.abs(bx[i])), t.url() + " box value " + i);
      }
    }
  }
}
