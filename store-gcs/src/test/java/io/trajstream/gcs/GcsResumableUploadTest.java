package io.trajstream.gcs;

import static io.trajstream.testkit.TestBytes.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.gcs.GcsTestServer.Request;
import io.trajstream.store.BufferInput;
import io.trajstream.store.Checksums;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.WriteOutcome;
import io.trajstream.testkit.CutOffSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable upload sessions carried on across store instances (as across runs), over real HTTP
 * against the GCS test server: the bytes sent are counted from the requests the server received.
 */
class GcsResumableUploadTest {
  private static final int CHUNK = GcsTestServer.RESUMABLE_QUANTUM; // 256 KiB
  private GcsTestServer server;
  @TempDir Path stateDir;

  @BeforeEach
  void start() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("bkt");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Store open() throws IOException {
    StoreConfig c = GcsTestSupport.config(server)
        .with(GcsOptions.RESUMABLE_THRESHOLD, String.valueOf(2 * CHUNK))
        .with(GcsOptions.RESUMABLE_CHUNK_SIZE, String.valueOf(CHUNK))
        .with(GcsOptions.UPLOAD_STATE_DIR, stateDir.toString());
    return GcsTestSupport.open("gs://bkt/runs", c);
  }

  private static boolean sessionPut(Request r) {
    return r.method().equals("PUT") && r.query().containsKey("upload_id");
  }

  /** Requests received from index {@code from} on that match {@code p}. */
  private List<Request> since(int from, Predicate<Request> p) {
    List<Request> all = server.requests();
    return all.subList(from, all.size()).stream().filter(p).toList();
  }

  /** Bytes of data sent to upload sessions in requests from index {@code from} on. */
  private long bytesSent(int from) {
    long n = 0;
    for (Request r : since(from, GcsResumableUploadTest::sessionPut)) {
      String range = r.header("Content-Range");
      if (range != null && !range.startsWith("bytes */")) {
        String[] firstLast = range.substring(6, range.indexOf('/')).split("-");
        n += Long.parseLong(firstLast[1]) - Long.parseLong(firstLast[0]) + 1;
      }
    }
    return n;
  }

  private int statusQueries(int from) {
    return since(from, r -> sessionPut(r) && String.valueOf(r.header("Content-Range")).startsWith("bytes */")).size();
  }

  private int sessionsStarted(int from) {
    return since(from, r -> r.method().equals("POST") && "resumable".equals(r.query().get("uploadType"))).size();
  }

  private long stateFiles() throws IOException {
    try (Stream<Path> s = Files.list(stateDir)) {
      return s.count();
    }
  }

  @Test
  void anInterruptedUploadIsCarriedOnByTheNextRunSendingOnlyTheRest() throws Exception {
    byte[] data = random(10 * CHUNK + 1000, 1); // 11 chunks
    try (Store s = open()) {
      IOException cut = assertThrows(IOException.class,
          () -> s.writeResumable("run.h5md", new CutOffSource("file:/run.h5md", data, 4L * CHUNK + 10), n -> {}));
      assertTrue(cut.getMessage().contains("broke off"), cut.getMessage());
      assertFalse(s.exists("run.h5md"), "an unfinished session is no object");
      assertEquals(4L * CHUNK, bytesSent(0), "four chunks went up before the source broke off");
      assertEquals(1, stateFiles(), "the session is recorded for the next run");
    }
    int mark = server.requests().size();
    try (Store s = open()) { // a new run: nothing shared but the state directory
      AtomicLong progress = new AtomicLong();
      WriteOutcome o = s.writeResumable("run.h5md", new BufferInput("file:/run.h5md", ByteBuffer.wrap(data)),
          progress::addAndGet);
      assertEquals(new WriteOutcome(data.length, 4L * CHUNK, 11, 4), o);
      assertEquals(data.length, progress.get());
      assertEquals(data.length - 4L * CHUNK, bytesSent(mark), "only the bytes the session did not hold are sent");
      assertEquals(0, sessionsStarted(mark), "the old session is carried on");
      assertEquals(1, statusQueries(mark), "one status query finds where to go on");
      assertArrayEquals(data, s.readAll("run.h5md"));
      assertEquals(Checksums.md5Hex(ByteBuffer.wrap(data)), s.stat("run.h5md").orElseThrow().checksum());
      assertEquals(0, stateFiles(), "a finished upload leaves no record");

      int again = server.requests().size();
      assertTrue(s.writeResumable("run.h5md", ByteBuffer.wrap(data), n -> {}).wasSkipped());
      assertEquals(0, bytesSent(again) + sessionsStarted(again), "an object of the same size and MD5 is left alone");
    }
  }

  @Test
  void aSourceThatChangedInBytesTheSessionHoldsStartsANewSession() throws Exception {
    byte[] data = random(6 * CHUNK + 5, 2);
    try (Store s = open()) {
      assertThrows(IOException.class, () -> s.writeResumable("x.bin", new CutOffSource("file:/x", data, 3L * CHUNK), n -> {}));
      assertEquals(3L * CHUNK, bytesSent(0));
      data[CHUNK + 5] ^= 1; // in chunk 2, which the session holds with the old bytes
      int mark = server.requests().size();
      WriteOutcome o = s.writeResumable("x.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(0, o.bytesSkipped(), o.toString());
      assertEquals(data.length, bytesSent(mark), "everything is sent again, to a new session");
      assertEquals(1, sessionsStarted(mark));
      assertEquals(1, since(mark, r -> r.method().equals("DELETE") && r.query().containsKey("upload_id")).size(),
          "the old session is cancelled");
      assertArrayEquals(data, s.readAll("x.bin"));
    }
  }

  @Test
  void aSourceThatChangedOnlyInBytesNotYetSentKeepsTheSession() throws Exception {
    byte[] data = random(6 * CHUNK + 5, 3);
    try (Store s = open()) {
      assertThrows(IOException.class, () -> s.writeResumable("y.bin", new CutOffSource("file:/y", data, 3L * CHUNK), n -> {}));
      data[5 * CHUNK] ^= 1;
      int mark = server.requests().size();
      WriteOutcome o = s.writeResumable("y.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(3L * CHUNK, o.bytesSkipped(), o.toString());
      assertEquals(data.length - 3L * CHUNK, bytesSent(mark));
      assertArrayEquals(data, s.readAll("y.bin"));
    }
  }

  @Test
  void anExpiredSessionIsReplacedByANewOne() throws Exception {
    byte[] data = random(5 * CHUNK, 4);
    try (Store s = open()) {
      assertThrows(IOException.class, () -> s.writeResumable("z.bin", new CutOffSource("file:/z", data, 2L * CHUNK), n -> {}));
      String session;
      try (Stream<Path> files = Files.list(stateDir)) {
        List<String> lines = Files.readAllLines(files.findFirst().orElseThrow());
        assertTrue(lines.contains("location " + server.endpoint() + " gs://bkt/runs/z.bin"), lines.toString());
        session = lines.stream().filter(l -> l.startsWith("session ")).findFirst().orElseThrow().substring(8);
      }
      HttpResponse<Void> cancelled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(session)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      assertEquals(499, cancelled.statusCode());
      int mark = server.requests().size();
      WriteOutcome o = s.writeResumable("z.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(0, o.bytesSkipped());
      assertEquals(1, sessionsStarted(mark));
      assertEquals(data.length, bytesSent(mark));
      assertArrayEquals(data, s.readAll("z.bin"));
    }
  }

  @Test
  void anObjectWrittenMeanwhileByAnotherWriterIsNotTheSessionsToReplace() throws Exception {
    byte[] data = random(4 * CHUNK + 9, 6);
    try (Store s = open()) {
      assertThrows(IOException.class, () -> s.writeResumable("w.bin", new CutOffSource("file:/w", data, 2L * CHUNK), n -> {}));
      server.putObject("bkt", "runs/w.bin", new byte[] {1, 2, 3}); // another writer: a new generation
      int mark = server.requests().size();
      WriteOutcome o = s.writeResumable("w.bin", ByteBuffer.wrap(data), n -> {});
      assertEquals(0, o.bytesSkipped(), "the old session was made against the object's absence");
      assertEquals(1, since(mark, r -> r.method().equals("DELETE") && r.query().containsKey("upload_id")).size());
      Request started = since(mark, r -> r.method().equals("POST") && "resumable".equals(r.query().get("uploadType"))).get(0);
      assertFalse("0".equals(started.query().get("ifGenerationMatch")), "the new session names the current generation");
      assertArrayEquals(data, s.readAll("w.bin"));
    }
  }

  @Test
  void aFailedChunkIsRetriedFromWhatTheSessionPersisted() throws Exception {
    byte[] data = random(5 * CHUNK + 77, 5);
    server.inject(r -> sessionPut(r) && String.valueOf(r.header("Content-Range")).startsWith("bytes " + 2 * CHUNK + "-"),
        GcsTestServer.Fault.SERVICE_UNAVAILABLE, 1);
    try (Store s = open()) {
      AtomicLong progress = new AtomicLong();
      WriteOutcome o = s.writeResumable("r.bin", ByteBuffer.wrap(data), progress::addAndGet);
      assertEquals(0, o.bytesSkipped());
      assertEquals(data.length, progress.get());
      assertEquals(1, sessionsStarted(0), "one session");
      assertEquals(1, statusQueries(0), "after the 503, one status query");
      assertEquals(1, since(0, r -> sessionPut(r) && r.status() == 503).size());
      assertEquals(data.length, bytesSent(0) - CHUNK, "the failed chunk is sent twice, nothing else");
      assertArrayEquals(data, s.readAll("r.bin"));
      assertEquals(0, stateFiles());
    }
  }
}
