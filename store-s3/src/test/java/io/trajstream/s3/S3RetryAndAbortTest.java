package io.trajstream.s3;

import static io.trajstream.testkit.TestBytes.random;
import static io.trajstream.testkit.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.store.StoreInput;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.net.UntrustedTlsServer;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * What the S3 store tries again and what it stops: a server that ignores {@code Range} is refused
 * and its body aborted (never drained), TLS failures and 4xx answers other than 408/429 are not
 * retried, 408/429 are; a multipart upload whose part fails is aborted only after every part in
 * flight has ended, so no part lands after the abort. The read cases run on both read paths
 * ({@link ReadPath}): the signed HTTP/1.1 client and the AWS SDK.
 */
@Timeout(120)
class S3RetryAndAbortTest {
  private static final int MIB = 1024 * 1024;
  private static final int RETRY_AFTER_SECONDS = 2;
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static Store open(URI endpoint, Map<String, String> extra) {
    return open(ReadPath.DIRECT, endpoint, extra);
  }

  private static Store open(ReadPath path, URI endpoint, Map<String, String> extra) {
    Map<String, String> m = new TreeMap<>(server.options(endpoint));
    m.putAll(path.options());
    m.putAll(extra);
    return new S3StoreFactory().create(URI.create("s3://" + S3ProxyServer.BUCKET + "/retry-" + UUID.randomUUID().toString().substring(0, 8) + "/"), StoreConfig.of(m));
  }

  /** An "S3 endpoint" that answers every GET with the whole (huge) object and counts what it sent. */
  private static final class RangeIgnoringServer implements AutoCloseable {
    static final long SIZE = 512L * MIB;
    final HttpServer http;
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final AtomicLong sent = new AtomicLong();
    final AtomicInteger requests = new AtomicInteger();

    RangeIgnoringServer() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.setExecutor(pool);
      http.createContext("/", ex -> {
        requests.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, SIZE);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) i;
        }
        try (OutputStream out = ex.getResponseBody()) {
          for (long left = SIZE; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
            sent.addAndGet(Math.min(chunk.length, left));
          }
        } catch (IOException clientWentAway) {
          // the point: the client stops reading
        }
      });
      http.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @Override
    public void close() {
      http.stop(0);
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0} reads")
  @EnumSource(ReadPath.class)
  void aServerIgnoringRangeIsRefusedAndItsBodyAbortedNotDrained(ReadPath path) throws Exception {
    try (RangeIgnoringServer ignoring = new RangeIgnoringServer();
        Store store = path.check(new S3StoreFactory().create(URI.create("s3://bucket/p/"),
            StoreConfig.of(unsigned(path, ignoring.uri()))))) {
      StoreInput in = store.newInput("big.bin", RangeIgnoringServer.SIZE);
      StoreException e = assertThrows(StoreException.class, () -> in.read(100, 10));
      assertTrue(e.getMessage().contains("ignored the Range"), e.getMessage());
      assertEquals("s3://bucket/p/big.bin", e.location());
      assertEquals(1, ignoring.requests.get(), "a server that ignores Range is not asked again");

      // at 0 the first bytes of the whole object are the right ones: kept, and the rest is cut off
      assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, bytes(in.read(0, 10)));
      long sent = ignoring.sent.get();
      assertTrue(sent < 64L * MIB, "two reads of 10 bytes made the server send " + sent / MIB
          + " MiB of a " + RangeIgnoringServer.SIZE / MIB + " MiB object: the body was drained, not aborted");
    }
  }

  /** Options for unsigned requests to {@code endpoint}, 3 attempts, read by {@code path}. */
  private static Map<String, String> unsigned(ReadPath path, URI endpoint) {
    Map<String, String> m = new TreeMap<>(Map.of("s3.endpoint", endpoint.toString(), "s3.anonymous", "true",
        "s3.region", "us-east-1", "s3.max-attempts", "3"));
    m.putAll(path.options());
    return m;
  }

  @ParameterizedTest(name = "{0} reads")
  @EnumSource(ReadPath.class)
  void tlsFailuresAreNotRetried(ReadPath path, @TempDir Path tmp) throws Exception {
    try (UntrustedTlsServer tls = UntrustedTlsServer.start(tmp);
        Store store = path.check(open(path, tls.uri(), Map.of("s3.max-attempts", "5")))) {
      StoreException e = assertThrows(StoreException.class, () -> store.newInput("a.bin"));
      assertTrue(e.getMessage().startsWith(store.location("a.bin") + ": TLS failure, not retried"), e.getMessage());
      assertEquals(1, tls.connections(), "a refused certificate is final: one connection, not five");
      assertEquals(0, tls.completedHandshakes());
    }
  }

  @ParameterizedTest(name = "{0} reads, {1} {2}")
  @CsvSource({
      "DIRECT, 400, InvalidArgument",
      "DIRECT, 403, RequestTimeTooSkewed",
      "DIRECT, 403, AccessDenied",
      "DIRECT, 409, OperationAborted",
      "DIRECT, 400, Throttling",
      "DIRECT, 400, PriorRequestNotComplete",
      "SDK, 400, InvalidArgument",
      "SDK, 403, RequestTimeTooSkewed",
      "SDK, 403, AccessDenied",
      "SDK, 409, OperationAborted",
      "SDK, 400, Throttling",
      "SDK, 400, PriorRequestNotComplete"})
  void fourHundredsOtherThan408And429AreNotRetried(ReadPath path, int status, String code) throws Exception {
    String key = "four-" + code + ".bin";
    try (FaultProxy proxy = FaultProxy.start(server.port());
        Store store = path.check(open(path, proxy.uri(), Map.of("s3.max-attempts", "4")))) {
      store.write(key, new byte[] {1, 2, 3});
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.answerNext(4, status, "application/xml", error(code));
      int before = proxy.faultsInjected();
      StoreException e = assertThrows(StoreException.class, () -> store.newInput(key, 3).read(0, 3));
      assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
      assertEquals(before + 1, proxy.faultsInjected(), "HTTP " + status + " " + code + " must not be retried");
      proxy.clearFaults();
    }
  }

  @ParameterizedTest(name = "{0} reads, {1} {2}")
  @CsvSource({
      "DIRECT, 408, RequestTimeout", "DIRECT, 429, TooManyRequests", "DIRECT, 400, RequestTimeout", "DIRECT, 503, SlowDown",
      "SDK, 408, RequestTimeout", "SDK, 429, TooManyRequests", "SDK, 400, RequestTimeout", "SDK, 503, SlowDown"})
  void timeoutsAndThrottlingAreRetried(ReadPath path, int status, String code) throws Exception {
    byte[] data = random(100_000, status);
    String key = "retried-" + status + ".bin";
    try (FaultProxy proxy = FaultProxy.start(server.port());
        Store store = path.check(open(path, proxy.uri(), Map.of("s3.max-attempts", "4")))) {
      store.write(key, data);
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.answerNext(2, status, "application/xml", error(code));
      assertArrayEquals(Arrays.copyOfRange(data, 10, 50_010), bytes(store.newInput(key, data.length).read(10, 50_000)));
      assertEquals(2, proxy.faultsInjected());
    }
  }

  @ParameterizedTest(name = "{0} reads, Retry-After as {1}")
  @CsvSource({"DIRECT, seconds", "DIRECT, date", "SDK, seconds", "SDK, date"})
  void aRetryAfterInSecondsOrAsADateIsWaitedFor(ReadPath path, String form) throws Exception {
    byte[] data = random(100_000, 7);
    String key = "retry-after-" + form + ".bin";
    try (FaultProxy proxy = FaultProxy.start(server.port());
        Store store = path.check(open(path, proxy.uri(), Map.of("s3.max-attempts", "3")))) {
      store.write(key, data);
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      // InternalError, not a throttling code: the back-off alone stays far below the wait asked for
      ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(RETRY_AFTER_SECONDS + 1).withNano(0);
      String value = form.equals("date")
          ? DateTimeFormatter.RFC_1123_DATE_TIME.format(at) : String.valueOf(RETRY_AFTER_SECONDS);
      long earliest = form.equals("date")
          ? Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()) - 100 : RETRY_AFTER_SECONDS * 1000L - 100;
      proxy.answerNext(1, 503, "application/xml", error("InternalError"), Map.of("Retry-After", value));
      long start = System.nanoTime();
      assertArrayEquals(Arrays.copyOfRange(data, 10, 50_010), bytes(store.newInput(key, data.length).read(10, 50_000)));
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, proxy.faultsInjected());
      assertTrue(elapsed >= earliest, "retried after " + elapsed + " ms, Retry-After: " + value + " wants " + earliest);
    }
  }

  @ParameterizedTest(name = "{0} reads")
  @EnumSource(ReadPath.class)
  void aRedirectIsNotFollowedAndTheMessageSaysSo(ReadPath path) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(server.port())) {
      String root = "s3://" + S3ProxyServer.BUCKET + "/redirect-" + UUID.randomUUID().toString().substring(0, 8) + "/";
      Map<String, String> options = new TreeMap<>(server.options(proxy.uri()));
      options.putAll(path.options());
      try (Store writer = new S3StoreFactory().create(URI.create(root), StoreConfig.of(options))) {
        writer.write("moved.bin", new byte[] {1, 2, 3});
      }
      proxy.closeIdleConnections(java.time.Duration.ZERO);
      proxy.answerNext(10, 307, "text/plain", "moved", Map.of("Location", "http://localhost:9/elsewhere"));
      // a new store: no pooled connection that the proxy has closed meanwhile
      try (Store store = path.check(new S3StoreFactory().create(URI.create(root), StoreConfig.of(options)))) {
        StoreException e = assertThrows(StoreException.class, () -> store.newInput("moved.bin", 3).read(0, 3));
        assertEquals(store.location("moved.bin") + ": S3 error (HTTP 307) after 1 attempt: a redirect, not followed"
            + " (check s3.endpoint and s3.region)", e.getMessage());
      }
    }
  }

  private static String error(String code) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected</Message>"
        + "<RequestId>FAULT</RequestId></Error>";
  }

  @Test
  void aFailedMultipartUploadIsAbortedOnlyAfterEveryPartInFlightHasEnded() throws Exception {
    byte[] data = random(4 * 5 * MIB + 123, 5);
    try (FaultProxy proxy = FaultProxy.start(server.port());
        S3Client raw = rawClient()) {
      // 2 MiB/s per connection: parts 2 to 4 take seconds, part 1 fails at once
      proxy.setConnectionBandwidth(2L * MIB);
      try (Store store = open(proxy.uri(), Map.of(
          "s3.multipart-threshold", String.valueOf(5 * MIB), "s3.part-size", String.valueOf(5 * MIB)))) {
        PartFailureInterceptor.failPart(1);
        StoreException e = assertThrows(StoreException.class, () -> store.write("mpu.bin", data));
        assertEquals(store.location("mpu.bin"), e.location());
        String uploadId = PartFailureInterceptor.uploadId();
        long atReturn = proxy.bytesToServer();
        Thread.sleep(1000);
        long later = proxy.bytesToServer() - atReturn;
        assertTrue(later < 64 * 1024, later + " bytes went to the server after write() had failed: "
            + "parts were still uploading when the upload was aborted");
        List<Integer> orphans;
        try {
          orphans = raw.listParts(r -> r.bucket(S3ProxyServer.BUCKET).key(((S3Store) store).objectKey("mpu.bin"))
                  .uploadId(uploadId)).parts().stream().map(Part::partNumber).toList();
        } catch (NoSuchUploadException gone) {
          orphans = List.of();
        }
        assertEquals(List.of(), orphans, "parts stored after the abort");
        assertFalse(store.exists("mpu.bin"));
      } finally {
        PartFailureInterceptor.disarm();
      }
    }
  }

  private static S3Client rawClient() {
    return S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.identity(), server.credential())))
        .build();
  }
}
