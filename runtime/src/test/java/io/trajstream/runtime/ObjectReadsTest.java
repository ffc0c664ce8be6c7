package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Backoff;
import io.trajstream.store.StoreException;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.http.ObjectReads;
import io.trajstream.store.http.ReadPolicy;
import io.trajstream.store.http.RequestAuthorizer;
import io.trajstream.store.http.TransientHttpException;
import io.trajstream.testkit.net.FaultProxy;
import io.trajstream.testkit.net.HostileHttpServer;
import io.trajstream.testkit.net.HostileHttpServer.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * api's {@link ObjectReads} (the read path of the S3, Azure and GCS stores) against a real HTTP
 * server behind {@link FaultProxy}: a body that breaks off is continued where it broke, and a
 * connection closed before any answer is tried again.
 */
class ObjectReadsTest {
  private static final long LENGTH = 4_000_000;
  private HostileHttpServer server;
  private FaultProxy proxy;
  private ObjectReads reads;

  @BeforeEach
  void start() throws IOException {
    server = HostileHttpServer.start();
    server.putPattern("/x.bin", LENGTH);
    proxy = FaultProxy.start(server.uri().getPort());
    reads = new ObjectReads(new Http1Client(Duration.ofSeconds(5), null), key -> proxy.uri().resolve("/" + key),
        RequestAuthorizer.NONE,
        (location, a) -> a.status() >= 500 ? new TransientHttpException("HTTP " + a.status())
            : new StoreException(location, "HTTP " + a.status()),
        new ReadPolicy(3, 2, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)),
            "test.read-timeout-ms", "the test's host"));
  }

  @AfterEach
  void stop() {
    reads.close();
    proxy.close();
    server.close();
  }

  @Test
  void aBodyThatBreaksOffIsContinuedWhereItBroke() throws IOException {
    proxy.resetMidBodyNext(4, 300_000); // more breaks than the policy's attempts: each brought bytes
    byte[] buf = new byte[2_000_000];
    reads.getResuming("x.bin", "test://x.bin", 100_000, buf, 0, buf.length, null);
    for (int i = 0; i < buf.length; i++) {
      if (buf[i] != HostileHttpServer.patternByte(100_000 + i)) {
        throw new AssertionError("wrong byte at " + (100_000 + i));
      }
    }
    List<RecordedRequest> gets = server.requests().stream().filter(r -> r.method().equals("GET")).toList();
    assertEquals(5, gets.size(), "four broken bodies and the rest");
    assertEquals("bytes=100000-2099999", gets.get(0).header("range"));
    long from = 100_000;
    for (RecordedRequest r : gets.subList(1, gets.size())) {
      String range = r.header("range");
      long start = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
      assertTrue(start > from, "each retry asks for what has not come yet: " + range + " after " + from);
      assertTrue(range.endsWith("-2099999"), range);
      from = start;
    }
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerIsTriedAgain() throws IOException {
    proxy.resetNext(1);
    byte[] buf = new byte[1000];
    reads.get("x.bin", "test://x.bin", 5_000, buf, 0, buf.length, null);
    for (int i = 0; i < buf.length; i++) {
      assertEquals(HostileHttpServer.patternByte(5_000 + i), buf[i], "byte " + (5_000 + i));
    }
    assertEquals(2, proxy.connections(), "the closed connection and the retry");
    assertEquals(1, server.requests().size(), "only the retry reached the server");
  }
}
