package io.trajstream.runtime;

import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.TestEnvironment;
import io.trajstream.testkit.net.AbstractStoreHostileTest;
import io.trajstream.testkit.net.HostileHttpServer;
import io.trajstream.testkit.net.HostileHttpServer.Mode;
import io.trajstream.testkit.net.HostileHttpServer.RecordedRequest;
import io.trajstream.testkit.net.SelfSignedTls;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HttpStore against {@link HostileHttpServer}, one mode at a time, each with its documented
 * outcome: the right bytes, or a one-line {@link StoreException} naming the location — never wrong
 * bytes, an unbounded read, a hang or a raw runtime exception. (Heap bounds under {@code -Xmx256m}
 * are shown by {@link HttpStoreBoundedHeapTest}, and this whole class runs under that limit too.)
 */
@Tag("bounded-heap") // runs with -Xmx256m: no mode may exhaust a small heap
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStoreHostileServerTest {
  private static final int MIB = 1024 * 1024;
  @TempDir static Path certificateDir;
  private static Optional<SelfSignedTls> certificate;
  private HostileHttpServer server;
  private HostileHttpServer other;

  /** One throw-away certificate for the TLS tests of this class; skips (fails under CI) without keytool. */
  private static synchronized SelfSignedTls tls() throws IOException, InterruptedException {
    if (certificate == null) {
      certificate = SelfSignedTls.create(certificateDir);
    }
    if (certificate.isEmpty()) {
      TestEnvironment.missing("the JDK's keytool is missing or failed; cannot make a test certificate");
    }
    return certificate.get();
  }

  @BeforeEach
  void start() throws IOException {
    long max = Runtime.getRuntime().maxMemory();
    assertTrue(max <= AbstractStoreHostileTest.HEAP_LIMIT_MIB * 1024L * 1024L, "hostile-server tests must run with -Xmx"
        + AbstractStoreHostileTest.HEAP_LIMIT_MIB + "m or less (this JVM allows " + max / (1024 * 1024)
        + " MiB): run them through runtime's bounded-heap surefire execution");
    server = HostileHttpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
    if (other != null) {
      other.close();
    }
  }

  private static Store open(URI root, String... options) {
    Map<String, String> m = new HashMap<>();
    m.put("http.max-retry-wait-ms", "50");
    for (int i = 0; i < options.length; i += 2) {
      m.put(options[i], options[i + 1]);
    }
    return new HttpStoreFactory().create(root, StoreConfig.of(m));
  }

  private Store open(String... options) {
    return open(server.uri(), options);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] pattern(long from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = HostileHttpServer.patternByte(from + i);
    }
    return b;
  }

  private List<RecordedRequest> gets(HostileHttpServer s) {
    return s.requests().stream().filter(r -> r.method().equals("GET")).toList();
  }

  private static void assertOneLine(Throwable e, String... parts) {
    String msg = e.getMessage();
    assertFalse(msg.contains("\n"), "one line: " + msg);
    for (String p : parts) {
      assertTrue(msg.contains(p), "message should contain '" + p + "': " + msg);
    }
  }

  // --- speed: requests per operation -------------------------------------------------------

  @Test
  void readAllIsOneGetAndOpeningSendsNothing() throws IOException {
    byte[] data = random(100_000);
    server.put("/d/x.bin", data);
    try (Store store = open(server.uri().resolve("d/"))) {
      assertArrayEquals(data, store.readAll("x.bin"));
      assertEquals(List.of("GET"), server.requests().stream().map(RecordedRequest::method).toList());
      assertNull(server.requests().get(0).header("Range"), "readAll asks for the whole object");
      StoreInput in = store.newInput("y.bin");
      assertEquals(1, server.requests().size(), "opening an input sends no request");
      assertThrows(FileNotFoundException.class, in::length);
    }
  }

  @Test
  void firstReadGivesTheLengthAndTheHeadServesLaterReads() throws IOException {
    byte[] data = random(3 * MIB);
    server.put("/x.bin", data);
    try (Store store = open()) {
      try (StoreInput in = store.newInput("x.bin")) {
        assertArrayEquals(Arrays.copyOfRange(data, 2 * MIB, 2 * MIB + 100), bytes(in.read(2 * MIB, 100)));
        assertEquals(data.length, in.length());
        assertEquals(1, server.requests().size(), "the read's Content-Range told the length");
      }
      try (StoreInput in = store.newInput("x.bin")) {
        assertEquals(data.length, in.length(), "remembered from the first input");
        assertEquals(1, server.requests().size());
      }
      server.put("/y.bin", data);
      try (StoreInput in = store.newInput("y.bin")) {
        assertEquals(data.length, in.length());
        assertArrayEquals(Arrays.copyOfRange(data, 0, 8), bytes(in.read(0, 8)));
        assertArrayEquals(Arrays.copyOfRange(data, 600_000, 610_000), bytes(in.read(600_000, 10_000)));
        assertEquals(2, server.requests().size(), "one speculative GET gave the length and the first MiB");
        assertEquals("bytes=0-1048575", server.requests().get(1).header("Range"));
      }
      try (StoreInput in = store.newInput("y.bin")) {
        assertArrayEquals(Arrays.copyOfRange(data, 0, MIB), bytes(in.read(0, MIB)), "the next input of the key too");
        assertArrayEquals(Arrays.copyOfRange(data, MIB, MIB + 10), bytes(in.read(MIB, 10)));
        assertEquals(3, server.requests().size());
      }
    }
  }

  @Test
  void existsThenReadAllOfASmallObjectIsOneGet() throws IOException {
    byte[] data = random(3000);
    server.put("/.zgroup", data);
    try (Store store = open()) {
      assertTrue(store.exists(".zgroup"));
      assertFalse(store.exists(".zarray"));
      assertArrayEquals(data, store.readAll(".zgroup"));
    }
    assertEquals(List.of("GET", "GET"), server.requests().stream().map(RecordedRequest::method).toList(),
        "no HEAD (a presigned GET URL refuses it), and the first GET held the whole object");
  }

  @Test
  void everyReadAfterTheFirstPinsTheVersion() throws IOException {
    server.put("/x.bin", random(10_000));
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 10_000)) {
      in.read(0, 10);
      in.read(100, 10);
      List<RecordedRequest> gets = gets(server);
      assertNull(gets.get(0).header("If-Match"));
      assertTrue(gets.get(1).header("If-Match").startsWith("\"v1-"), "If-Match: " + gets.get(1).header("If-Match"));
    }
  }

  @Test
  void parallelReadsUseParallelHttp11Connections() throws Exception {
    server.putPattern("/x.bin", 1_000_000).mode(Mode.TRICKLE).trickleMillis(20);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 1_000_000)) {
      List<java.util.concurrent.Future<ByteBuffer>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long at = i * 100_000L;
        reads.add(pool.submit(() -> in.read(at, 10)));
      }
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(pattern(i * 100_000L, 10), bytes(reads.get(i).get(30, TimeUnit.SECONDS)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4, server.connections(), "each of the 4 overlapping reads had a connection of its own");
    for (RecordedRequest r : server.requests()) {
      assertNull(r.header("Upgrade"), "HTTP/1.1 only, no h2c upgrade");
    }
  }

  // --- bounded bodies --------------------------------------------------------------------

  @Test
  void ignoredRangeOnASmallObjectReadsItWholeOnce() throws IOException {
    byte[] data = random(MIB);
    server.put("/x.bin", data).mode(Mode.IGNORES_RANGE);
    try (Store store = open(); StoreInput in = store.newInput("x.bin")) {
      assertArrayEquals(Arrays.copyOfRange(data, 6, 16), bytes(in.read(6, 10)));
      assertArrayEquals(Arrays.copyOfRange(data, 500_000, 500_100), bytes(in.read(500_000, 100)));
      assertEquals(data.length, in.length());
      assertEquals(1, gets(server).size(), "kept for the input's life");
    }
  }

  @Test
  void ignoredRangeOnALargeObjectFailsWithoutDrainingIt() throws IOException {
    long size = 300L * MIB;
    server.putPattern("/big.bin", size).mode(Mode.IGNORES_RANGE);
    try (Store store = open(); StoreInput in = store.newInput("big.bin", size)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(6, 10));
      assertOneLine(e, "server ignores Range requests", "/big.bin");
    }
    assertTrue(server.bodyBytesSent() < 64L * MIB, "aborted, not drained: " + server.bodyBytesSent() + " bytes sent");
  }

  @Test
  void wrongContentRangeIsNeverReturnedAsData() throws IOException {
    server.putPattern("/x.bin", 1000).mode(Mode.WRONG_CONTENT_RANGE);
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 1000)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(6, 10));
      assertOneLine(e, "bytes 0-9 for a request of bytes 6-15", "/x.bin");
      assertEquals(1, gets(server).size(), "wrong bytes are not retried");
    }
  }

  @Test
  void endlessBodyIsAbortedAndReported() throws IOException {
    server.putPattern("/x.bin", 1000).mode(Mode.ENDLESS);
    try (Store store = open()) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertOneLine(e, "server ignores Range requests", "/x.bin");
      StoreException e2 = assertThrows(StoreException.class, () -> store.newInput("x.bin").read(6, 10));
      assertOneLine(e2, "server ignores Range requests");
    }
    assertTrue(server.bodyBytesSent() < 64L * MIB, "bounded: " + server.bodyBytesSent() + " bytes sent");
  }

  @Test
  void endlessPartialBodyIsReadOnlyAsFarAsAsked() throws IOException {
    server.putPattern("/x.bin", 10 * MIB).mode(Mode.ENDLESS_PARTIAL);
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 10 * MIB)) {
      assertArrayEquals(pattern(1000, 10), bytes(in.read(1000, 10)));
      assertArrayEquals(pattern(5 * MIB, 100_000), bytes(in.read(5 * MIB, 100_000)));
    }
    assertTrue(server.bodyBytesSent() < 64L * MIB, "bounded: " + server.bodyBytesSent() + " bytes sent");
  }

  @Test
  void hugeContentLengthAllocatesNothingFromTheHeader() throws IOException {
    server.put("/meta.json", random(9000)).mode(Mode.HUGE_CONTENT_LENGTH);
    try (Store store = open("http.retries", "1")) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("meta.json"));
      assertOneLine(e, "/meta.json", "body ended after 9000 of 2147483000 bytes", "(2 attempts)");
      server.hugeLength(10_000_000_000_000L);
      StoreException tooLarge = assertThrows(StoreException.class, () -> store.readAll("meta.json"));
      assertOneLine(tooLarge, "object of 10000000000000 bytes is too large to read whole");
      server.hugeLength(Long.MAX_VALUE);
      StoreException absurd = assertThrows(StoreException.class, () -> store.readAll("meta.json"));
      assertOneLine(absurd, "bad Content-Length " + Long.MAX_VALUE);
    }
  }

  @Test
  void negativeContentLengthIsAOneLineError() throws IOException {
    server.put("/x.bin", random(100)).mode(Mode.NEGATIVE_CONTENT_LENGTH);
    try (Store store = open("http.retries", "0")) {
      // our check or the JDK client's ("fixed content-length: -5"), whichever sees the header first
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertOneLine(e, "/x.bin");
      assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("content-length"), e.getMessage());
      StoreException e2 = assertThrows(StoreException.class, () -> store.newInput("x.bin").read(0, 10));
      assertOneLine(e2, "/x.bin");
      assertTrue(e2.getMessage().toLowerCase(java.util.Locale.ROOT).contains("content-length"), e2.getMessage());
      StoreException e3 = assertThrows(StoreException.class, () -> store.exists("x.bin"));
      assertOneLine(e3, "/x.bin", "Content-Length");
    }
  }

  // --- timeouts --------------------------------------------------------------------------

  @Test
  void stalledBodyFailsAfterTimeoutTimesAttempts() throws IOException {
    server.putPattern("/x.bin", 100_000).mode(Mode.STALL);
    try (Store store = open("http.read-timeout-ms", "300", "http.retries", "1");
        StoreInput in = store.newInput("x.bin", 100_000)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertOneLine(e, "/x.bin", "too slow: 5 bytes in 300 ms", "http.read-timeout-ms=300", "(2 attempts)");
      assertEquals(2, gets(server).size());
      assertEquals("bytes=5-999", gets(server).get(1).header("Range"), "the retry resumes after the bytes that came");
    }
  }

  @Test
  void tricklingBodyFailsAfterTimeoutTimesAttempts() throws IOException {
    server.putPattern("/x.bin", 100_000).mode(Mode.TRICKLE).trickleMillis(50);
    try (Store store = open("http.read-timeout-ms", "400", "http.retries", "1");
        StoreInput in = store.newInput("x.bin", 100_000)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 1000));
      assertOneLine(e, "/x.bin", "too slow", "(2 attempts)");
      assertEquals(2, gets(server).size());
    }
  }

  // --- right bytes or none ---------------------------------------------------------------

  @Test
  void objectChangedWhileReadingIsReported() throws IOException {
    server.putPattern("/x.bin", 10_000).mode(Mode.CHANGES_WHILE_READING);
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 10_000)) {
      assertArrayEquals(pattern(0, 10), bytes(in.read(0, 10)));
      StoreException e = assertThrows(StoreException.class, () -> in.read(100, 10));
      assertOneLine(e, "/x.bin", "object changed while reading");
      assertEquals(2, gets(server).size(), "a 412 is not retried");
    }
  }

  @Test
  void wrongLengthFromAServerIsReportedNotRead() throws IOException {
    server.put("/x.bin", random(1000));
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 2000)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 10));
      assertOneLine(e, "it is now 1000 bytes, expected 2000");
    }
  }

  @Test
  void aWholeBodyOfAnotherLengthThanKnownIsReportedNotRead() throws IOException {
    server.put("/x.bin", random(1000)).mode(Mode.IGNORES_RANGE);
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 2000)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 10));
      assertOneLine(e, "/x.bin", "1000 bytes", "2000");
    }
    try (Store store = open(); StoreInput in = store.newInput("x.bin", 500)) {
      StoreException e = assertThrows(StoreException.class, () -> in.read(0, 10));
      assertOneLine(e, "/x.bin", "1000 bytes", "500");
    }
  }

  // --- retries ---------------------------------------------------------------------------

  @Test
  void retryAfterSecondsIsHonoured() throws IOException {
    byte[] data = random(1000);
    server.put("/x.bin", data).retryAfter(1, "1");
    try (Store store = open("http.max-retry-wait-ms", "5000")) {
      assertArrayEquals(data, store.readAll("x.bin"));
    }
    List<RecordedRequest> r = server.requests();
    assertEquals(2, r.size());
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(r.get(1).receivedNanos() - r.get(0).receivedNanos());
    assertTrue(waitedMs >= 900, "waited " + waitedMs + " ms for Retry-After: 1");
  }

  @Test
  void retryAfterDateIsHonouredAndEveryWaitIsCapped() throws IOException {
    byte[] data = random(1000);
    String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
    server.put("/x.bin", data).retryAfter(1, inTwoSeconds);
    try (Store store = open("http.max-retry-wait-ms", "5000")) {
      assertArrayEquals(data, store.readAll("x.bin"));
    }
    List<RecordedRequest> r = server.requests();
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(r.get(1).receivedNanos() - r.get(0).receivedNanos());
    assertTrue(waitedMs >= 900, "waited " + waitedMs + " ms for a date ~2 s ahead");
    // an hour's Retry-After is capped by http.max-retry-wait-ms (the test's time-out shows it)
    server.retryAfter(2, "3600");
    try (Store store = open("http.max-retry-wait-ms", "100")) {
      assertArrayEquals(data, store.readAll("x.bin"));
    }
  }

  @Test
  void serverErrorsAreRetriedThenReportedWithTheAttempts() throws IOException {
    server.put("/x.bin", random(10)).answerNext(100, 503);
    try (Store store = open("http.retries", "2")) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertOneLine(e, "/x.bin", "HTTP 503 (3 attempts)");
      assertEquals(3, server.requests().size());
    }
  }

  @Test
  void clientErrorsAreNotRetriedBut408And429Are() throws IOException {
    byte[] data = random(10);
    server.put("/x.bin", data).answerNext(1, 400);
    try (Store store = open("http.retries", "3")) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertOneLine(e, "unexpected HTTP 400");
      assertEquals(1, server.requests().size());
      server.answerNext(1, 429);
      assertArrayEquals(data, store.readAll("x.bin"));
      server.answerNext(1, 408);
      assertArrayEquals(data, store.readAll("x.bin"));
      assertEquals(5, server.requests().size());
      server.answerNext(1, 403);
      assertOneLine(assertThrows(StoreException.class, () -> store.readAll("x.bin")), "access denied (HTTP 403)");
      assertEquals(6, server.requests().size());
    }
  }

  @Test
  void badOptionValuesNameTheOption() {
    URI root = server.uri();
    IllegalArgumentException retries = assertThrows(IllegalArgumentException.class, () -> open(root, "http.retries", "-1"));
    assertOneLine(retries, "http.retries=-1");
    IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> open(root, "http.timeout-ms", "0"));
    assertOneLine(timeout, "http.timeout-ms=0");
    IllegalArgumentException read = assertThrows(IllegalArgumentException.class, () -> open(root, "http.read-timeout-ms", "x"));
    assertOneLine(read, "http.read-timeout-ms=x");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> open(root, "http.retry", "2"));
    assertOneLine(unknown, "http.retry", "did you mean http.retries?");
  }

  // --- redirects and TLS -----------------------------------------------------------------

  @Test
  void redirectToAnotherHostIsFollowedWithoutTheCredentials() throws IOException {
    other = HostileHttpServer.start();
    byte[] data = random(5000);
    other.put("/x.bin", data);
    // "localhost" rather than 127.0.0.1: another origin
    server.redirectTo(URI.create("http://localhost:" + other.port() + "/"));
    URI root = URI.create("http://alice:pw@127.0.0.1:" + server.port() + "/");
    try (Store store = open(root); StoreInput in = store.newInput("x.bin", data.length)) {
      assertArrayEquals(Arrays.copyOfRange(data, 100, 200), bytes(in.read(100, 100)));
    }
    assertTrue(server.requests().get(0).header("Authorization").startsWith("Basic "));
    RecordedRequest followed = other.requests().get(0);
    assertNull(followed.header("Authorization"), "credentials stay with their origin");
    assertEquals("bytes=100-199", followed.header("Range"), "the range survives the redirect");
  }

  @Test
  void httpsToHttpRedirectIsRefusedAndSaysSo() throws Exception {
    SelfSignedTls tls = tls();
    other = HostileHttpServer.start();
    other.put("/x.bin", random(100));
    try (HostileHttpServer secure = HostileHttpServer.startTls(tls.server())) {
      secure.redirectTo(other.uri());
      Map<String, String> m = Map.of("http.max-retry-wait-ms", "50");
      try (Store store = new HttpStore(secure.uri(), HttpStoreOptions.from(StoreConfig.of(m)), tls.client())) {
        StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
        assertOneLine(e, "redirected from https to http", "refused");
        assertFalse(e.getMessage().contains("unexpected HTTP 302"), e.getMessage());
      }
      assertEquals(0, other.requests().size(), "nothing sent in the clear");
    }
  }

  @Test
  void httpToHttpsRedirectIsFollowedOverTls() throws Exception {
    // a store of an http: root has a client without TLS; the redirect needs the TLS one
    SelfSignedTls tls = tls();
    byte[] data = random(4000);
    try (HostileHttpServer secure = HostileHttpServer.startTls(tls.server())) {
      secure.put("/x.bin", data);
      server.redirectTo(secure.uri());
      try (Store store = new HttpStore(server.uri(), HttpStoreOptions.defaults(), tls.client());
          StoreInput in = store.newInput("x.bin", data.length)) {
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 1300), bytes(in.read(1000, 300)));
      }
      assertEquals("bytes=1000-1299", secure.requests().get(0).header("Range"), "the range survives the redirect");
    }
  }

  @Test
  void untrustedCertificateFailsAtOnceWithoutRetries() throws Exception {
    SelfSignedTls tls = tls();
    try (HostileHttpServer secure = HostileHttpServer.startTls(tls.server())) {
      secure.put("/x.bin", random(100));
      try (Store store = open(secure.uri(), "http.retries", "3")) {
        StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
        assertOneLine(e, "TLS failure", "not retried");
      }
      assertEquals(1, secure.connections(), "a certificate failure is not retried");
      try (Store store = new HttpStore(secure.uri(), HttpStoreOptions.defaults(), tls.client())) {
        assertEquals(100, store.readAll("x.bin").length, "the same server works once its certificate is trusted");
      }
    }
  }

  // --- URLs ------------------------------------------------------------------------------

  @Test
  void presignedUrlSendsItsQueryOnEveryRequestAndNeverPrintsTheSignature() throws IOException {
    byte[] data = random(3000);
    server.put("/bucket/runs/a b.h5md", data);
    String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=deadbeefcafe0123456789";
    StoreUrl url = StoreUrl.parse(server.uri() + "bucket/runs/a%20b.h5md?" + query);
    assertEquals("a b.h5md", url.key());
    try (Store store = open(url.root())) {
      try (StoreInput in = store.newInput(url.key())) {
        assertEquals(data.length, in.length());
        assertArrayEquals(Arrays.copyOfRange(data, 2000, 2100), bytes(in.read(2000, 100)));
      }
      assertArrayEquals(data, store.readAll(url.key()));
      for (RecordedRequest r : server.requests()) {
        assertEquals("/bucket/runs/a%20b.h5md", r.path());
        assertEquals(query, r.query());
      }
      FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> store.readAll("other.h5md"));
      for (String shown : List.of(missing.getMessage(), store.root(), store.location("x"), url.toString())) {
        assertFalse(shown.contains("deadbeef") || shown.contains("AKIDEXAMPLE"), shown);
        assertTrue(shown.contains("X-Amz-Signature=****"), shown);
      }
      assertTrue(missing.getMessage().contains("/bucket/runs/other.h5md?"), missing.getMessage());
    }
  }

  @Test
  void userInfoIsSentAsBasicAuthAndItsPasswordNeverPrinted() throws IOException {
    byte[] data = random(50);
    server.put("/x.bin", data);
    StoreUrl url = StoreUrl.parse("http://alice:s3cr%40t-pw@127.0.0.1:" + server.port() + "/x.bin");
    try (Store store = open(url.root())) {
      assertArrayEquals(data, store.readAll("x.bin"));
      String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cr@t-pw".getBytes(StandardCharsets.UTF_8));
      assertEquals(expected, server.requests().get(0).header("Authorization"));
      assertEquals("http://alice:****@127.0.0.1:" + server.port() + "/", store.root());
      FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> store.readAll("nope.bin"));
      assertFalse(e.getMessage().contains("s3cr"), e.getMessage());
      assertFalse(url.toString().contains("s3cr"), url.toString());
    }
  }

  @Test
  void secretsStayOutOfTheWholeCauseChain() throws IOException {
    int closedPort;
    try (HostileHttpServer gone = HostileHttpServer.start()) {
      closedPort = gone.port();
    }
    URI root = URI.create("http://bob:hunter2hunter2@127.0.0.1:" + closedPort + "/d/?sig=TOPSECRETSIG&sv=2024");
    try (Store store = open(root, "http.retries", "1")) {
      StoreException e = assertThrows(StoreException.class, () -> store.readAll("x.bin"));
      assertOneLine(e, "sig=****", "(2 attempts)");
      for (Throwable t = e; t != null; t = t.getCause()) {
        String m = String.valueOf(t.getMessage()) + " " + t;
        assertFalse(m.contains("TOPSECRETSIG") || m.contains("hunter2"), m);
      }
    }
  }

  @Test
  void escapesTypedInTheUrlAreSentOnceNotTwice() throws IOException {
    byte[] data = random(700);
    server.put("/my dir/a b.bin", data);
    StoreUrl url = StoreUrl.parse(server.uri() + "my%20dir/a%20b.bin");
    try (Store store = open(url.root())) {
      assertArrayEquals(data, store.readAll(url.key()));
    }
    assertEquals("/my%20dir/a%20b.bin", server.requests().get(0).path());
  }
}
