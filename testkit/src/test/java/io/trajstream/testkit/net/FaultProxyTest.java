package io.trajstream.testkit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
  private static final byte[] PAYLOAD = new byte[1 << 20];

  static {
    new Random(42).nextBytes(PAYLOAD);
  }

  private HttpServer server;
  private ExecutorService serverPool;
  private final AtomicInteger requestsSeen = new AtomicInteger();
  private FaultProxy proxy;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/data",
        ex -> {
          requestsSeen.incrementAndGet();
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, PAYLOAD.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(PAYLOAD);
          }
        });
    serverPool = Executors.newFixedThreadPool(4);
    server.setExecutor(serverPool);
    server.start();
    proxy = FaultProxy.start(server.getAddress().getPort(), 8);
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.stop(0);
    serverPool.shutdownNow();
  }

  /** A minimal HTTP/1.1 exchange on a given socket: status code and body (up to Content-Length or EOF). */
  private record Response(int status, String head, byte[] body, boolean complete) {}

  private static Response get(Socket s, String path) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return readResponse(s.getInputStream());
  }

  private static Response readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in response head");
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(h.substring(9, 12));
    long length = -1;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (length < 0 || body.size() < length) {
      int n = in.read(buf, 0, length < 0 ? buf.length : (int) Math.min(buf.length, length - body.size()));
      if (n < 0) {
        break;
      }
      body.write(buf, 0, n);
    }
    return new Response(status, h, body.toByteArray(), length >= 0 && body.size() == length);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    s.setSoTimeout(20_000);
    return s;
  }

  @Test
  void forwardsBytesUnchangedAndCountsConnections() throws IOException {
    try (Socket s = connect()) {
      Response r = get(s, "/data");
      assertEquals(200, r.status());
      assertTrue(r.complete());
      assertArrayEquals(PAYLOAD, r.body());
      Response again = get(s, "/data"); // keep-alive: same connection
      assertArrayEquals(PAYLOAD, again.body());
    }
    try (Socket s = connect()) {
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
    }
    assertEquals(2, proxy.connections());
    assertEquals(3, requestsSeen.get());
    assertEquals(3, proxy.requests(), "requests counted as they pass");
    assertEquals(0, proxy.faultsInjected());
    assertTrue(proxy.bytesToClient() >= 3L * PAYLOAD.length);
    assertTrue(proxy.uri().toString().startsWith("http://127.0.0.1:"));
  }

  @Test
  void countsRequestsWhoseBodiesHoldWhatLooksLikeARequest() throws IOException {
    byte[] body = "GET /x HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(("PUT /data HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, 7); // the body arrives in pieces
      out.flush();
      out.write(body, 7, body.length - 7);
      out.flush();
      Response put = readResponse(s.getInputStream());
      assertEquals(200, put.status());
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
    }
    assertEquals(2, requestsSeen.get());
    assertEquals(2, proxy.requests(), "a PUT and a GET; the PUT's body is not read as requests");
  }

  @Test
  void delayAppliesInBothDirections() throws IOException {
    proxy.setDelay(Duration.ofMillis(150));
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      Response r = get(s, "/data");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertArrayEquals(PAYLOAD, r.body());
      assertTrue(ms >= 290, "a request and its response each wait 150 ms, took " + ms + " ms");
    }
  }

  @Test
  void bandwidthCapIsSharedByConnections() throws Exception {
    proxy.setBandwidth(4L << 20); // 4 MiB/s: two 1 MiB responses need at least 0.5 s together
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long t0 = System.nanoTime();
      var a = pool.submit(() -> { try (Socket s = connect()) { return get(s, "/data").body(); } });
      var b = pool.submit(() -> { try (Socket s = connect()) { return get(s, "/data").body(); } });
      assertArrayEquals(PAYLOAD, a.get());
      assertArrayEquals(PAYLOAD, b.get());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 450, "2 MiB through a shared 4 MiB/s cap took only " + ms + " ms");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void connectionCapLimitsEachConnection() throws Exception {
    // 1 MiB/s per connection, no shared cap: 2 MiB over one connection needs about 2 s
    proxy.setConnectionBandwidth(1L << 20);
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1500, "2 MiB through a 1 MiB/s connection cap took only " + ms + " ms");
    }
  }

  @Test
  void connectionCapAppliesToEveryConnectionAndTheSharedCapStillHolds() throws Exception {
    // each of two connections at most 2 MiB/s, both together at most 1 MiB/s: the shared cap binds
    proxy.setConnectionBandwidth(2L << 20).setBandwidth(1L << 20);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long t0 = System.nanoTime();
      var a = pool.submit(() -> { try (Socket s = connect()) { return get(s, "/data").body(); } });
      var b = pool.submit(() -> { try (Socket s = connect()) { return get(s, "/data").body(); } });
      assertArrayEquals(PAYLOAD, a.get());
      assertArrayEquals(PAYLOAD, b.get());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 1500, "2 MiB through a shared 1 MiB/s cap took only " + ms + " ms");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void connectionCapChangesApplyToOpenConnections() throws Exception {
    try (Socket s = connect()) {
      assertArrayEquals(PAYLOAD, get(s, "/data").body()); // uncapped
      proxy.setConnectionBandwidth(1L << 20);
      long t0 = System.nanoTime();
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 700, "1 MiB after capping the open connection at 1 MiB/s took only " + ms + " ms");
    }
  }

  @Test
  void resetsTheNextConnectionsAfterTheRequest() throws IOException {
    proxy.resetNext(2);
    for (int i = 0; i < 2; i++) {
      try (Socket s = connect()) {
        assertThrows(IOException.class, () -> get(s, "/data"));
      }
    }
    try (Socket s = connect()) {
      assertArrayEquals(PAYLOAD, get(s, "/data").body());
    }
    assertEquals(2, proxy.faultsInjected());
    assertEquals(1, requestsSeen.get(), "reset requests never reach the server");
    assertEquals(3, proxy.connections());
  }

  @Test
  void passesAimAFaultAtALaterConnection() throws IOException {
    proxy.passNext(2).answerNext(1, 500, "text/plain", "boom");
    for (int i = 0; i < 2; i++) {
      try (Socket s = connect()) {
        assertEquals(200, get(s, "/data").status());
      }
    }
    try (Socket s = connect()) {
      assertEquals(500, get(s, "/data").status());
    }
    assertEquals(1, proxy.faultsInjected(), "a pass is not a fault");
    assertEquals(2, requestsSeen.get());
  }

  @Test
  void answersWithACannedStatusAndBody() throws IOException {
    String xml = "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code></Error>";
    proxy.answerNext(1, 503, "application/xml", xml);
    try (Socket s = connect()) {
      Response r = get(s, "/data");
      assertEquals(503, r.status());
      assertTrue(r.head().contains("Content-Type: application/xml"), r.head());
      assertTrue(r.head().contains("Connection: close"), r.head());
      assertEquals(xml, new String(r.body(), StandardCharsets.UTF_8));
      assertEquals(-1, s.getInputStream().read(), "connection closed after the answer");
    }
    assertEquals(0, requestsSeen.get());
    try (Socket s = connect()) {
      assertEquals(200, get(s, "/data").status());
    }
    assertEquals(1, proxy.faultsInjected());
  }

  @Test
  void truncatesTheResponseBodyAfterKBytes() throws IOException {
    proxy.truncateNext(1, 1000);
    try (Socket s = connect()) {
      Response r = get(s, "/data");
      assertEquals(200, r.status(), "headers pass whole");
      assertEquals(1000, r.body().length);
      assertTrue(!r.complete());
      for (int i = 0; i < 1000; i++) {
        assertEquals(PAYLOAD[i], r.body()[i]);
      }
    }
    assertEquals(1, requestsSeen.get());
    try (Socket s = connect()) {
      assertTrue(get(s, "/data").complete());
    }
  }

  @Test
  void resetsTheConnectionMidBody() throws IOException {
    proxy.resetMidBodyNext(1, 1000);
    try (Socket s = connect()) {
      IOException e = assertThrows(IOException.class, () -> get(s, "/data"));
      assertTrue(!(e.getMessage() != null && e.getMessage().contains("response head")),
          "the head passed, the body broke: " + e);
    }
    assertEquals(1, requestsSeen.get(), "the request reached the server");
    assertEquals(1, proxy.faultsInjected());
    try (Socket s = connect()) {
      assertTrue(get(s, "/data").complete());
    }
  }

  @Test
  void stallsTheBodyUntilTheClientGivesUp() throws Exception {
    proxy.stallNext(1, 1000);
    try (Socket s = connect()) {
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("GET /data HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      byte[] got = new byte[PAYLOAD.length + 4096];
      int n = 0;
      try {
        while (true) {
          int r = in.read(got, n, got.length - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
      } catch (java.net.SocketTimeoutException expected) {
        // the read timeout fires: nothing more came
      }
      String text = new String(got, 0, n, StandardCharsets.ISO_8859_1);
      int head = text.indexOf("\r\n\r\n") + 4;
      assertTrue(head > 4, "headers arrived");
      assertEquals(1000, n - head, "exactly the bytes before the stall");
    }
    // the client went away: the stalled link ends and its threads return
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, proxy.openConnections());
    assertEquals(1, proxy.faultsInjected());
  }

  @Test
  void cannedAnswersCarryExtraHeaders() throws IOException {
    proxy.answerNext(1, 429, "text/plain", "slow down", java.util.Map.of("Retry-After", "2"));
    try (Socket s = connect()) {
      Response r = get(s, "/data");
      assertEquals(429, r.status());
      assertTrue(r.head().startsWith("HTTP/1.1 429 Too Many Requests\r\n"), r.head());
      assertTrue(r.head().contains("\r\nRetry-After: 2\r\n"), r.head());
      assertEquals("slow down", new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void closesIdleConnectionsSoClientsReconnect() throws Exception {
    try (Socket s = connect()) {
      assertEquals(200, get(s, "/data").status());
      Thread.sleep(100);
      assertEquals(1, proxy.closeIdleConnections(Duration.ofMillis(50)));
      assertEquals(-1, s.getInputStream().read(), "the proxy closed the idle connection");
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, proxy.openConnections());
  }

  @Test
  void busyConnectionsAreNotIdle() throws Exception {
    proxy.setDelay(Duration.ofMillis(300));
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("GET /data HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(20);
      assertEquals(0, proxy.closeIdleConnections(Duration.ofMillis(200)));
    }
  }

  @Test
  void closeStopsListeningAndEndsItsThreads() throws Exception {
    int port = proxy.port();
    try (Socket s = connect()) {
      assertEquals(200, get(s, "/data").status());
      proxy.close();
      assertEquals(-1, s.getInputStream().read());
    }
    assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (liveProxyThreads(port) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, liveProxyThreads(port));
  }

  @Test
  void boundsOpenConnections() throws Exception {
    // 8 allowed: a 9th client is accepted only once one closes
    Socket[] open = new Socket[8];
    for (int i = 0; i < open.length; i++) {
      open[i] = connect();
      assertEquals(200, get(open[i], "/data").status());
    }
    try (Socket ninth = connect()) {
      ninth.getOutputStream().write("GET /data HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      Thread.sleep(200);
      assertEquals(8, proxy.connections());
      open[0].close();
      ninth.setSoTimeout(10_000);
      assertTrue(ninth.getInputStream().read() >= 0, "served once a slot frees");
      assertEquals(9, proxy.connections());
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private static long liveProxyThreads(int port) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("fault-proxy-" + port + "-") && t.isAlive())
        .count();
  }
}
