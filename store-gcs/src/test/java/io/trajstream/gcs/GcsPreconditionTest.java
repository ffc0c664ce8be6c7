package io.trajstream.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.gcs.GcsTestServer.Fault;
import io.trajstream.gcs.GcsTestServer.Request;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writes and deletes carry generation preconditions, so the client's retries are idempotent: when
 * the first try took effect but its answer was lost, the retry never replaces (or removes) an
 * object another writer stored in between.
 */
@Timeout(60)
class GcsPreconditionTest {
  private static final Predicate<Request> UPLOAD =
      r -> r.path().startsWith("/upload/") && (r.method().equals("POST") || r.method().equals("PUT"));
  private static final Predicate<Request> DELETE = r -> r.method().equals("DELETE");

  private GcsTestServer server;
  private Store store;

  @BeforeEach
  void setUp() throws Exception {
    server = GcsTestServer.start();
    server.createBucket("pre");
    store = GcsTestSupport.open(server, "gs://pre/p");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    server.close();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private List<Request> uploads() {
    return server.requests().stream().filter(UPLOAD).toList();
  }

  @Test
  void aNewObjectIsCreatedOnlyIfStillAbsentAndAReplacementOnlyOverTheGenerationSeen() throws Exception {
    store.write("a.bin", bytes(100, 1));
    long first = server.generation("pre", "p/a.bin").orElseThrow();
    store.write("a.bin", bytes(100, 2));
    List<Request> ups = uploads();
    assertEquals(2, ups.size());
    assertEquals("0", ups.get(0).query().get("ifGenerationMatch"), "create-new: " + ups.get(0));
    assertEquals(String.valueOf(first), ups.get(1).query().get("ifGenerationMatch"), "replace: " + ups.get(1));
    assertArrayEquals(bytes(100, 2), server.object("pre", "p/a.bin").orElseThrow());
  }

  @Test
  void aWriteWhoseAnswerWasLostIsRetriedWithoutHarm() throws Exception {
    server.inject(UPLOAD, Fault.APPLY_THEN_DROP, 1);
    store.write("lost.bin", bytes(1000, 3));
    assertArrayEquals(bytes(1000, 3), server.object("pre", "p/lost.bin").orElseThrow());
    assertEquals(1, server.faultsInjected());
  }

  @Test
  void aRetriedWriteNeverReplacesANewerObject() throws Exception {
    byte[] old = bytes(500, 4);
    byte[] mine = bytes(500, 5);
    byte[] newer = bytes(500, 6);
    server.putObject("pre", "p/obj.bin", old);
    // our upload lands, its answer is lost, another writer stores a newer object, then we retry
    server.afterApplying(() -> server.putObject("pre", "p/obj.bin", newer));
    server.inject(UPLOAD, Fault.APPLY_THEN_DROP, 1);
    store.write("obj.bin", mine);
    assertArrayEquals(newer, server.object("pre", "p/obj.bin").orElseThrow(),
        "the retry replaced the other writer's newer object");
    assertTrue(uploads().size() >= 2, "the client did retry: " + uploads());
  }

  @Test
  void aLargeResumableWriteCarriesThePreconditionToo() throws Exception {
    StoreConfig cfg = GcsTestSupport.config(server)
        .with(GcsOptions.RESUMABLE_THRESHOLD, "262144")
        .with(GcsOptions.RESUMABLE_CHUNK_SIZE, "262144");
    byte[] big = bytes(700_000, 7);
    server.putObject("pre", "p/big.bin", bytes(10, 8));
    long gen = server.generation("pre", "p/big.bin").orElseThrow();
    try (Store s = GcsTestSupport.open("gs://pre/p", cfg)) {
      s.write("big.bin", big);
    }
    Request start = uploads().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
    assertEquals(String.valueOf(gen), start.query().get("ifGenerationMatch"), start.toString());
    assertArrayEquals(big, server.object("pre", "p/big.bin").orElseThrow());
  }

  @Test
  void aRetriedDeleteNeverDeletesANewerObject() throws Exception {
    byte[] newer = bytes(300, 9);
    server.putObject("pre", "p/d.bin", bytes(300, 10));
    server.afterApplying(() -> server.putObject("pre", "p/d.bin", newer));
    server.inject(DELETE, Fault.APPLY_THEN_DROP, 1);
    store.delete("d.bin");
    assertArrayEquals(newer, server.object("pre", "p/d.bin").orElseThrow(),
        "the retried delete removed the object written after the delete took effect");
  }

  @Test
  void deletingAMissingObjectIsNotAnError() throws Exception {
    store.delete("never.bin");
    store.write("x.bin", new byte[] {1});
    store.delete("x.bin");
    assertFalse(server.object("pre", "p/x.bin").isPresent());
    assertTrue(server.requests().stream().filter(DELETE).allMatch(r -> r.query().containsKey("ifGenerationMatch")),
        "every delete carries a generation precondition: " + server.requests());
  }
}
