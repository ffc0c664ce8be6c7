package io.trajstream.testkit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile HTTP server, played by a {@link FaultProxy} between a store's client and a real local
 * server (S3Proxy, Azurite, the GCS test server): each {@link Mode} strikes every connection of a
 * read, and each (mode, read) has one documented {@link Outcome} per store — the right bytes, or a
 * {@link StoreException} whose message is one line starting with the location. Never wrong bytes,
 * never a hang (every read is bounded by the store's own time limits, and the test by a JUnit
 * timeout), never an unbounded read: the test must run in a JVM of at most {@value #HEAP_LIMIT_MIB}
 * MiB of heap (the module's {@code bounded-heap} surefire execution gives it {@code -Xmx256m}; the
 * test fails in a larger heap, where an unbounded read could pass unnoticed), and a body that never
 * ends must be abandoned after at most {@value #MAX_BYTES_PER_READ_MIB} MiB per read.
 *
 * <table>
 *   <caption>Modes and the outcome every store should have</caption>
 *   <tr><th>mode</th><th>ranged read</th><th>whole read</th></tr>
 *   <tr><td>server ignores Range (200, whole object)</td><td>error, or the right bytes</td><td>–</td></tr>
 *   <tr><td>wrong Content-Range (a 206 from byte 0)</td><td>error</td><td>–</td></tr>
 *   <tr><td>body trickles, 1 byte per 100 ms</td><td colspan="2">error after the store's time limits</td></tr>
 *   <tr><td>body never ends (no length, Connection: close)</td><td>the right bytes, or error</td>
 *       <td>error</td></tr>
 *   <tr><td>Content-Length 2,147,483,000</td><td>the right bytes, or error</td><td>error, nothing
 *       allocated from the header</td></tr>
 *   <tr><td>Content-Length -5</td><td colspan="2">error, or the right bytes</td></tr>
 *   <tr><td>503 with Retry-After: 3, once</td><td colspan="2">the right bytes, after at least
 *       the second the server asked for</td></tr>
 *   <tr><td>307 redirect to another host</td><td colspan="2">error; nothing reaches the other
 *       host</td></tr>
 * </table>
 *
 * "Ranged" is 1 MB at offset 1000 of a 3 MiB object through an input of known length; "whole" is
 * {@link Store#readAll}. Range faults leave a whole read (which sends no Range) unchanged, so their
 * whole-read cells are not run. Where two outcomes are allowed the store's test says which one it
 * has ({@link #outcome}); stalled bodies, cut bodies and 5xx without Retry-After are rows of
 * {@link AbstractStoreFaultTest}. A mode that cannot arise for a store is left out of its {@link
 * #matrix()} (with its reason in the subclass), so it is not generated, not skipped. There is no
 * https-to-http row: these stores talk only to the endpoint they were given and follow no
 * redirect at all (the redirect row shows it), so a downgrade cannot be followed either; the
 * proxy also speaks plain HTTP only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@Tag(AbstractStoreHostileTest.BOUNDED_HEAP_TAG)
public abstract class AbstractStoreHostileTest {
  /** The JUnit tag of tests that must run with a small heap (see the class comment). */
  public static final String BOUNDED_HEAP_TAG = "bounded-heap";
  /** The largest heap in which the test may run. */
  public static final int HEAP_LIMIT_MIB = 256;
  /** Most bytes a ranged or whole read may pull from an endless body before giving up. */
  public static final int MAX_BYTES_PER_READ_MIB = 64;

  private static final int SIZE = 3 * 1024 * 1024;
  private static final int RANGE_OFFSET = 1000;
  private static final int RANGE_LENGTH = 1_000_000;
  private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(100);
  private static final long HUGE_LENGTH = 2_147_483_000L;
  /** Longer than any back-off of the stores' tests, so that only an honoured Retry-After waits so long. */
  private static final int RETRY_AFTER_SECONDS = 3;

  /** The hostile modes. */
  public enum Mode {
    IGNORES_RANGE, WRONG_CONTENT_RANGE, TRICKLING_BODY, ENDLESS_BODY, HUGE_CONTENT_LENGTH,
    NEGATIVE_CONTENT_LENGTH, RETRY_AFTER, REDIRECT_TO_ANOTHER_HOST;

    /** Whether the mode rewrites the request's Range, so that only ranged reads meet it. */
    public boolean rangeOnly() {
      return this == IGNORES_RANGE || this == WRONG_CONTENT_RANGE;
    }
  }

  /** The two reads of the matrix. */
  public enum Read {
    RANGED, WHOLE
  }

  /** What a read gives under a mode. */
  public enum Outcome {
    /** The right bytes. */
    RIGHT_BYTES,
    /** A one-line {@link StoreException} starting with the location. */
    ERROR
  }

  /**
   * How a store is opened for a test: attempts per request (first included), the longest wait for
   * the next bytes of a body, and the longest one attempt (or the whole read, where the store has
   * no per-attempt limit) may take.
   */
  public record Limits(int maxAttempts, Duration readTimeout, Duration attemptTimeout) {}

  /** The limits of every store in this test: 2 attempts, 1 s per read, 3 s per attempt. */
  protected static final Limits LIMITS = new Limits(2, Duration.ofSeconds(1), Duration.ofSeconds(3));

  /** The proxy in front of the server; a new one per test. */
  protected FaultProxy proxy;

  /** The test object's key and contents, put in place before each test without faults. */
  protected String key;

  protected byte[] data;

  private HostileHttpServer otherHost;

  /** The port of the real local server the store talks to (on 127.0.0.1). */
  protected abstract int serverPort() throws Exception;

  /** A new store (new client, no pooled connections) reaching the server through {@code endpoint}. */
  protected abstract Store openThrough(URI endpoint, Limits limits) throws Exception;

  /**
   * The outcome of {@code read} under {@code mode} for this store, where the class comment allows
   * two; the default is the first one named there.
   */
  protected Outcome outcome(Mode mode, Read read) {
    return switch (mode) {
      case RETRY_AFTER -> Outcome.RIGHT_BYTES;
      case ENDLESS_BODY, HUGE_CONTENT_LENGTH -> read == Read.RANGED ? Outcome.RIGHT_BYTES : Outcome.ERROR;
      default -> Outcome.ERROR;
    };
  }

  /**
   * Whether the store waits as long as a {@code Retry-After} asks; a store that does not yet says
   * so here (and why), and its RETRY_AFTER row then checks only that the retry gives the right
   * bytes after exactly one 503.
   */
  protected boolean honoursRetryAfter() {
    return true;
  }

  /** The modes this store runs: all, unless one cannot arise for it. */
  protected Set<Mode> matrix() {
    return EnumSet.allOf(Mode.class);
  }

  /** Puts {@code bytes} at {@code key} on the server; by default through a fault-free store. */
  protected void putObject(String key, byte[] bytes) throws Exception {
    try (Store store = openThrough(proxy.uri(), LIMITS)) {
      store.write(key, bytes);
    }
  }

  final Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Mode m : matrix()) {
      for (Read r : Read.values()) {
        if (r == Read.WHOLE && m.rangeOnly()) {
          continue;
        }
        out.add(Arguments.of(m, r, outcome(m, r)));
      }
    }
    return out.stream();
  }

  @BeforeAll
  void heapIsBounded() {
    long max = Runtime.getRuntime().maxMemory();
    if (max > HEAP_LIMIT_MIB * 1024L * 1024L) {
      fail("hostile-server tests must run with -Xmx" + HEAP_LIMIT_MIB + "m or less (this JVM allows "
          + max / (1024 * 1024) + " MiB); run them through the module's bounded-heap surefire execution");
    }
  }

  @BeforeEach
  void startProxyAndPutObject() throws Exception {
    proxy = FaultProxy.start(serverPort());
    key = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "/data.bin";
    data = new byte[SIZE];
    new Random(SIZE).nextBytes(data);
    putObject(key, data);
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
    if (otherHost != null) {
      otherHost.close();
      otherHost = null;
    }
  }

  private byte[] run(Read read, Store store) throws IOException {
    if (read == Read.WHOLE) {
      return store.readAll(key);
    }
    try (StoreInput in = store.newInput(key, data.length)) {
      ByteBuffer b = in.read(RANGE_OFFSET, RANGE_LENGTH);
      byte[] out = new byte[b.remaining()];
      b.duplicate().get(out);
      return out;
    }
  }

  private byte[] expected(Read read) {
    return read == Read.WHOLE ? data : Arrays.copyOfRange(data, RANGE_OFFSET, RANGE_OFFSET + RANGE_LENGTH);
  }

  /** Arms {@code mode} on every connection of the read to come (at most 1000). */
  private void arm(Mode mode) throws IOException {
    proxy.closeIdleConnections(Duration.ZERO);
    int n = 1000;
    switch (mode) {
      case IGNORES_RANGE -> proxy.stripRangeNext(n);
      case WRONG_CONTENT_RANGE -> proxy.shiftRangeNext(n);
      case TRICKLING_BODY -> proxy.trickleNext(n, TRICKLE_INTERVAL);
      case ENDLESS_BODY -> proxy.endlessNext(n);
      case HUGE_CONTENT_LENGTH -> proxy.contentLengthNext(n, HUGE_LENGTH);
      case NEGATIVE_CONTENT_LENGTH -> proxy.contentLengthNext(n, -5);
      case RETRY_AFTER -> proxy.answerNext(1, 503, "text/plain", "busy", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
      case REDIRECT_TO_ANOTHER_HOST -> {
        otherHost = HostileHttpServer.start();
        otherHost.put("/elsewhere", data);
        // "localhost" rather than 127.0.0.1: another origin
        proxy.answerNext(n, 307, "text/plain", "moved",
            Map.of("Location", "http://localhost:" + otherHost.port() + "/elsewhere"));
      }
      default -> throw new IllegalStateException(mode.name());
    }
  }

  @ParameterizedTest(name = "{0}, {1} read: {2}")
  @MethodSource("cells")
  void everyModeHasItsDocumentedOutcome(Mode mode, Read read, Outcome outcome) throws Exception {
    try (Store store = openThrough(proxy.uri(), LIMITS)) {
      String location = store.location(key);
      long bytesBefore = proxy.bytesToClient();
      arm(mode);
      long start = System.nanoTime();
      byte[] got = null;
      StoreException error = null;
      try {
        got = run(read, store);
      } catch (StoreException e) {
        error = e;
      } catch (IOException | RuntimeException e) {
        fail(mode + ", " + read + " read: not a StoreException: " + e, e);
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long pulled = proxy.bytesToClient() - bytesBefore;
      String what = mode + ", " + read + " read";
      System.out.println(what + ": " + (error != null ? error.getMessage() : "right bytes? "
          + Arrays.equals(expected(read), got)) + " (" + elapsedMs + " ms, " + pulled + " bytes to the client)");
      if (outcome == Outcome.RIGHT_BYTES) {
        if (error != null) {
          fail(what + ": expected the right bytes, got: " + error.getMessage(), error);
        }
        assertArrayEquals(expected(read), got, what + ": the right bytes");
      } else {
        assertTrue(error != null, what + ": expected an error, got " + (got == null ? "nothing"
            : Arrays.equals(expected(read), got) ? "the right bytes" : "WRONG bytes"));
        String m = error.getMessage();
        assertTrue(m.startsWith(location + ": "), what + ": the message starts with the location: " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), what + ": one line: " + m);
      }
      assertTrue(pulled <= MAX_BYTES_PER_READ_MIB * 1024L * 1024L * LIMITS.maxAttempts() * 2,
          what + ": " + pulled + " bytes pulled from the proxy");
      if (mode == Mode.RETRY_AFTER && honoursRetryAfter()) {
        assertTrue(elapsedMs >= RETRY_AFTER_SECONDS * 1000L - 100,
            what + ": retried after " + elapsedMs + " ms, before Retry-After: " + RETRY_AFTER_SECONDS);
      }
      if (mode == Mode.RETRY_AFTER) {
        assertEquals(1, proxy.faultsInjected(), what + ": one 503");
      }
      if (mode == Mode.REDIRECT_TO_ANOTHER_HOST) {
        assertEquals(List.of(), otherHost.requests(), what + ": nothing reached the other host");
      }
    } finally {
      proxy.clearFaults();
    }
  }
}
