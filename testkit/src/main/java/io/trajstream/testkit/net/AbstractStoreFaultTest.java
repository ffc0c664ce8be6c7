package io.trajstream.testkit.net;

import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix every network store must pass, with a {@link FaultProxy} between the store's
 * client and a real local server (S3Proxy, Azurite, the GCS test server, a static HTTP server):
 *
 * <table>
 *   <caption>Faults and their documented outcomes</caption>
 *   <tr><th>fault</th><th>when it passes</th><th>when it lasts</th></tr>
 *   <tr><td>HTTP 500</td><td rowspan="6">retried: the right bytes</td>
 *       <td rowspan="8">a {@link StoreException} whose message is one line starting with the
 *       location, after a bounded number of attempts; never data</td></tr>
 *   <tr><td>503 / the service's "slow down"</td></tr>
 *   <tr><td>429</td></tr>
 *   <tr><td>connection reset mid-body</td></tr>
 *   <tr><td>body cut before its Content-Length</td></tr>
 *   <tr><td>body stalled longer than the read timeout</td></tr>
 *   <tr><td>unknown host</td><td>–</td></tr>
 *   <tr><td>invalid credentials</td><td>–</td></tr>
 * </table>
 *
 * The message of an unknown host mentions the host; that of refused credentials says "access
 * denied". A store whose client resumes a broken body from where it broke off, for as long as
 * each try makes progress, reads the right bytes of a range even under a lasting body fault
 * ({@link #resumesBrokenBodiesWithProgress()}).
 *
 * Each fault is tried on a ranged read and on a whole-object read, each through a new store (so
 * the fault meets new connections). Every test runs under a JUnit timeout (no hang), and
 * everything printed or logged meanwhile, plus the full stack trace of every error, is searched
 * for the {@link #secrets()}: none may appear.
 *
 * <p>A backend's test extends this class: where its server listens, how to open a store through
 * an endpoint with given attempts and body read timeout (and with invalid credentials), its error
 * bodies, the secret values it uses, and how to put the test object in place (by default: a write
 * through a fault-free store; a read-only store such as HTTP overrides {@link #putObject}). A
 * store for which a row cannot arise (no credentials at all) leaves it out of {@link #matrix()};
 * it is then not generated, not skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class AbstractStoreFaultTest {
  private static final int SIZE = 3 * 1024 * 1024;
  private static final int RANGE_OFFSET = 1000;
  private static final int RANGE_LENGTH = 1_000_000;
  /** Body bytes that pass before a body fault (reset, cut, stall) strikes. */
  protected static final long BODY_BYTES_BEFORE_FAULT = 256 * 1024;

  /** The rows of the matrix. */
  public enum Fault {
    SERVER_ERROR(true),
    THROTTLED(true),
    TOO_MANY_REQUESTS(true),
    RESET_MID_BODY(true),
    TRUNCATED_BODY(true),
    STALLED_BODY(true),
    UNKNOWN_HOST(false),
    INVALID_CREDENTIALS(false);

    private final boolean canPass;

    Fault(boolean canPass) {
      this.canPass = canPass;
    }

    /** Whether the fault can strike once and then go away (else it is there on every attempt). */
    public boolean canPass() {
      return canPass;
    }

    /** Whether the proxy answers it itself, without the server (a canned status). */
    public boolean isAnswer() {
      return this == SERVER_ERROR || this == THROTTLED || this == TOO_MANY_REQUESTS;
    }

    /** Whether it strikes a response body after some of its bytes have passed. */
    public boolean isBodyFault() {
      return this == RESET_MID_BODY || this == TRUNCATED_BODY || this == STALLED_BODY;
    }
  }

  /** A canned error answer: status, content type and body as the service would send them. */
  public record CannedError(int status, String contentType, String body) {}

  /** How a store is opened for a test: attempts per request (first included) and body read timeout. */
  public record Tuning(int maxAttempts, Duration readTimeout) {}

  /** Settings for faults that pass: enough attempts to get past two of them. */
  protected static final Tuning PASSING = new Tuning(4, Duration.ofSeconds(1));
  /** Settings for faults that last: two attempts each, so errors come quickly. */
  protected static final Tuning LASTING = new Tuning(2, Duration.ofSeconds(1));

  /** The proxy in front of the server; a new one per test. */
  protected FaultProxy proxy;

  /** The test object's key and contents, put in place before each test without faults. */
  protected String key;

  protected byte[] data;

  private CapturedOutput output;

  /** The port of the real local server the store talks to (on 127.0.0.1). */
  protected abstract int serverPort() throws Exception;

  /**
   * A new store (new client, so no pooled connections) reaching the server through {@code
   * endpoint}, making at most {@code tuning.maxAttempts()} attempts per request (and body resume)
   * and waiting at most {@code tuning.readTimeout()} for the next bytes of a body.
   */
  protected abstract Store openThrough(URI endpoint, Tuning tuning) throws Exception;

  /** As {@link #openThrough(URI, Tuning)}, with credentials the server refuses (wrong key, token). */
  protected abstract Store openWithInvalidCredentials(URI endpoint, Tuning tuning) throws Exception;

  /** The service's answer for {@code fault}: 500, 503 "slow down", or 429. */
  protected abstract CannedError answer(Fault fault);

  /** Every credential value the stores of this test use (keys, tokens, connection strings). */
  protected abstract List<String> secrets();

  /** Puts {@code bytes} at {@code key} on the server; by default through a fault-free store. */
  protected void putObject(String key, byte[] bytes) throws Exception {
    try (Store store = openThrough(proxy.uri(), PASSING)) {
      store.write(key, bytes);
    }
  }

  /** An endpoint whose host name does not resolve. */
  protected URI unknownHostEndpoint() {
    return URI.create("http://no-such-host.invalid:" + proxy.port());
  }

  /** The rows this store runs: all, unless a row cannot arise for it. */
  protected Set<Fault> matrix() {
    return EnumSet.allOf(Fault.class);
  }

  /**
   * How many connections one attempt may use when its connection is reset before any response
   * byte: 1, unless the store's HTTP client itself silently retries such a request once (the JDK
   * client does, for idempotent requests).
   */
  protected int connectionsPerAttemptOnReset() {
    return 1;
  }

  /**
   * Whether the store's client resumes a broken ranged body from the byte it got to, for as long
   * as every try makes progress (GCS's read channel does). For such a store a body fault that
   * lasts still gives the right bytes of a ranged read, in pieces, instead of an error; every other
   * store gives up after its attempts.
   */
  protected boolean resumesBrokenBodiesWithProgress() {
    return false;
  }

  /** A store through the proxy with {@code maxAttempts} attempts and a 10 s body read timeout. */
  protected final Store openThrough(URI endpoint, int maxAttempts) throws Exception {
    return openThrough(endpoint, new Tuning(maxAttempts, Duration.ofSeconds(10)));
  }

  final Stream<Fault> passingFaults() {
    return matrix().stream().filter(Fault::canPass);
  }

  final Stream<Fault> allFaults() {
    return matrix().stream();
  }

  @BeforeEach
  void startProxyAndPutObject() throws Exception {
    output = CapturedOutput.start();
    proxy = FaultProxy.start(serverPort());
    key = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "/data.bin";
    data = new byte[SIZE];
    new Random(SIZE).nextBytes(data);
    putObject(key, data);
  }

  @AfterEach
  void stopProxyAndLookForSecrets() {
    try {
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      output.close();
    }
    String leak = output.firstLeak(secrets());
    if (leak != null) {
      int at = output.text().indexOf(leak);
      String around = output.text().substring(Math.max(0, at - 120), at).replace('\n', ' ');
      fail("a secret (" + leak.length() + " characters, secret #" + secrets().indexOf(leak)
          + ") was printed or logged, after: ..." + around);
    }
  }

  /** The two reads of the matrix. */
  private enum Read {
    RANGED, WHOLE;

    byte[] run(Store store, String key, int length) throws Exception {
      if (this == WHOLE) {
        return store.readAll(key);
      }
      try (StoreInput in = store.newInput(key, length)) {
        return bytes(in.read(RANGE_OFFSET, RANGE_LENGTH));
      }
    }

    byte[] expected(byte[] data) {
      return this == WHOLE ? data : Arrays.copyOfRange(data, RANGE_OFFSET, RANGE_OFFSET + RANGE_LENGTH);
    }
  }

  /**
   * Arms {@code fault} on the next {@code n} new connections (proxy faults only), after closing
   * idle connections: some clients keep a pool per process (the JDK's HttpURLConnection), so a
   * new store alone does not mean new connections.
   */
  private void arm(Fault fault, int n) {
    proxy.closeIdleConnections(Duration.ZERO);
    switch (fault) {
      case SERVER_ERROR, THROTTLED, TOO_MANY_REQUESTS -> {
        CannedError e = answer(fault);
        proxy.answerNext(n, e.status(), e.contentType(), e.body());
      }
      case RESET_MID_BODY -> proxy.resetMidBodyNext(n, BODY_BYTES_BEFORE_FAULT);
      case TRUNCATED_BODY -> proxy.truncateNext(n, BODY_BYTES_BEFORE_FAULT);
      case STALLED_BODY -> proxy.stallNext(n, BODY_BYTES_BEFORE_FAULT);
      case UNKNOWN_HOST, INVALID_CREDENTIALS -> { }
      default -> throw new IllegalStateException(fault.name());
    }
  }

  private Store openFor(Fault fault, Tuning tuning) throws Exception {
    return switch (fault) {
      case UNKNOWN_HOST -> openThrough(unknownHostEndpoint(), tuning);
      case INVALID_CREDENTIALS -> openWithInvalidCredentials(proxy.uri(), tuning);
      default -> openThrough(proxy.uri(), tuning);
    };
  }

  @ParameterizedTest(name = "{0} twice, then the right bytes")
  @MethodSource("passingFaults")
  void aPassingFaultIsRetriedToTheRightBytes(Fault fault) throws Exception {
    for (Read read : Read.values()) {
      try (Store store = openThrough(proxy.uri(), PASSING)) {
        int before = proxy.faultsInjected();
        arm(fault, 2);
        byte[] got = read.run(store, key, data.length);
        assertArrayEquals(read.expected(data), got, read + " read after " + fault);
        assertEquals(before + 2, proxy.faultsInjected(), read + " read: both faults met");
      } finally {
        proxy.clearFaults();
      }
    }
  }

  @ParameterizedTest(name = "{0} every time: one line naming the location")
  @MethodSource("allFaults")
  void aLastingFaultIsAOneLineErrorNamingTheLocation(Fault fault) throws Exception {
    for (Read read : Read.values()) {
      try (Store store = openFor(fault, LASTING)) {
        String location = store.location(key);
        int before = proxy.faultsInjected();
        arm(fault, 1000);
        if (read == Read.RANGED && fault.isBodyFault() && resumesBrokenBodiesWithProgress()) {
          assertArrayEquals(read.expected(data), read.run(store, key, data.length),
              "a lasting " + fault + " resumed piece by piece");
          assertTrue(proxy.faultsInjected() - before >= 2, "resumed more than once");
          continue;
        }
        StoreException e = assertThrows(StoreException.class, () -> read.run(store, key, data.length),
            read + " read under a lasting " + fault);
        output.note(e);
        output.note(store.toString());
        String m = e.getMessage();
        System.out.println("lasting " + fault + ", " + read + " read: " + m);
        assertTrue(m.startsWith(location + ": "), read + " read: the message starts with the location: " + m);
        assertEquals(location, e.location());
        assertFalse(m.contains("\n") || m.contains("\r"), read + " read: one line: " + m);
        if (fault == Fault.UNKNOWN_HOST) {
          assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("host"), "the message says it is the host: " + m);
        }
        if (fault == Fault.INVALID_CREDENTIALS) {
          assertTrue(m.contains("access denied"), "the message says access was denied: " + m);
        }
        int met = proxy.faultsInjected() - before;
        if (fault.isAnswer()) {
          assertEquals(LASTING.maxAttempts(), met, read + " read: one answer per attempt");
        } else if (fault.canPass()) {
          int most = 2 * LASTING.maxAttempts() * LASTING.maxAttempts() * connectionsPerAttemptOnReset();
          assertTrue(met >= 1 && met <= most, read + " read: " + met + " faulty bodies, at most " + most + " expected");
        }
      } finally {
        proxy.clearFaults();
      }
    }
  }

  /** Reads 1 MB at offset 1000 through a new store with 5 attempts and checks the bytes. */
  protected void assertRangedReadReturnsTheRightBytes() throws Exception {
    try (Store store = openThrough(proxy.uri(), 5); StoreInput in = store.newInput(key, data.length)) {
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 1_001_000), bytes(in.read(1000, 1_000_000)));
    }
  }
}
