package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trajstream.store.ByteRange;
import io.trajstream.store.Store;
import io.trajstream.store.StoreEntry;
import io.trajstream.store.StoreInput;
import io.trajstream.store.VectoredReadOptions;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} must have. A backend's test extends this class and creates its
 * store (against a real server where the backend talks to one). Read-only stores override {@link
 * #put} to place test objects through another route and report their capabilities; tests that need
 * a capability the store lacks are skipped by it, never silently passed.
 */
public abstract class AbstractStoreContractTest {
  private static final int MIB = 1024 * 1024;

  /** The store under test; a new one per test, closed after it. */
  protected Store store;

  /** A key prefix unique to this test, so tests never see each other's objects. */
  protected String prefix;

  /** Creates the store under test. */
  protected abstract Store createStore() throws Exception;

  /** Places an object under {@code key}; by default through {@link Store#write}. */
  protected void put(String key, byte[] data) throws IOException {
    store.write(key, data);
  }

  /** Whether this backend supports {@link Store#list}; defaults to its capabilities. */
  protected boolean supportsListing() {
    return store.capabilities().listable();
  }

  /** Whether this backend supports writes and deletes; defaults to its capabilities. */
  protected boolean supportsWrites() {
    return store.capabilities().writable();
  }

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
    prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @AfterEach
  void closeStore() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  protected static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] bytesOf(ByteBuffer buf) {
    ByteBuffer d = buf.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  @Test
  void readsWholeObject() throws IOException {
    byte[] data = randomBytes(100_000, 1);
    put(prefix + "whole.bin", data);
    assertArrayEquals(data, store.readAll(prefix + "whole.bin"));
    try (StoreInput in = store.newInput(prefix + "whole.bin")) {
      assertEquals(data.length, in.length());
    }
  }

  @Test
  void readsRangesHeadMiddleAndTail() throws IOException {
    byte[] data = randomBytes(65_537, 2);
    put(prefix + "ranges.bin", data);
    try (StoreInput in = store.newInput(prefix + "ranges.bin")) {
      assertArrayEquals(Arrays.copyOfRange(data, 0, 16), bytesOf(in.read(0, 16)));
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 3000), bytesOf(in.read(1000, 2000)));
      assertArrayEquals(Arrays.copyOfRange(data, data.length - 100, data.length), bytesOf(in.read(data.length - 100, 100)));
      byte[] buf = new byte[50];
      in.readFully(500, buf, 10, 30);
      assertArrayEquals(Arrays.copyOfRange(data, 500, 530), Arrays.copyOfRange(buf, 10, 40));
      assertEquals(0, in.read(data.length, 0).remaining());
    }
  }

  @Test
  void knownLengthInputReadsWithoutLookup() throws IOException {
    byte[] data = randomBytes(4096, 3);
    put(prefix + "known.bin", data);
    try (StoreInput in = store.newInput(prefix + "known.bin", data.length)) {
      assertEquals(data.length, in.length());
      assertArrayEquals(Arrays.copyOfRange(data, 100, 200), bytesOf(in.read(100, 100)));
    }
  }

  @Test
  void readPastEndIsEof() throws IOException {
    byte[] data = randomBytes(1000, 4);
    put(prefix + "eof.bin", data);
    try (StoreInput in = store.newInput(prefix + "eof.bin")) {
      assertThrows(EOFException.class, () -> in.read(990, 20));
      assertThrows(EOFException.class, () -> in.read(1001, 1));
      assertThrows(EOFException.class, () -> in.readFully(2000, new byte[5], 0, 5));
    }
  }

  @Test
  void missingKeyIsFileNotFoundNamingTheLocation() throws IOException {
    String key = prefix + "no-such-object.bin";
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> store.readAll(key));
    assertTrue(e.getMessage().contains(key), "message should name the location: " + e.getMessage());
    FileNotFoundException e2 =
        assertThrows(
            FileNotFoundException.class,
            () -> {
              try (StoreInput in = store.newInput(key)) {
                in.length();
                in.read(0, 1);
              }
            });
    assertTrue(e2.getMessage().contains(key), e2.getMessage());
    assertFalse(store.exists(key));
  }

  @Test
  void existsTellsPresentFromAbsent() throws IOException {
    put(prefix + "here.bin", new byte[] {1, 2, 3});
    assertTrue(store.exists(prefix + "here.bin"));
    assertFalse(store.exists(prefix + "there.bin"));
    assertFalse(store.exists(prefix + "here.bi"));
  }

  @Test
  void listsByPrefixSortedWithLengths() throws IOException {
    assumeTrue(supportsListing(), "store cannot list");
    put(prefix + "b/2.bin", new byte[2]);
    put(prefix + "a/1.bin", new byte[1]);
    put(prefix + "a/10.bin", new byte[10]);
    put(prefix + "c.bin", new byte[3]);
    List<StoreEntry> all = store.list(prefix).collect(Collectors.toList());
    assertEquals(
        List.of(prefix + "a/1.bin", prefix + "a/10.bin", prefix + "b/2.bin", prefix + "c.bin"),
        all.stream().map(StoreEntry::key).collect(Collectors.toList()));
    assertEquals(List.of(1L, 10L, 2L, 3L), all.stream().map(StoreEntry::length).collect(Collectors.toList()));
    assertEquals(
        List.of(prefix + "a/1.bin", prefix + "a/10.bin"),
        store.list(prefix + "a/").map(StoreEntry::key).collect(Collectors.toList()));
    assertEquals(List.of(), store.list(prefix + "zzz").collect(Collectors.toList()));
  }

  @Test
  void overwriteIsAtomicForReaders() throws Exception {
    assumeTrue(supportsWrites(), "store is read-only");
    String key = prefix + "atomic.bin";
    byte[] v1 = randomBytes(3 * MIB, 5);
    byte[] v2 = randomBytes(2 * MIB + 17, 6);
    put(key, v1);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> reader =
          pool.submit(
              () -> {
                int reads = 0;
                while (!done.get() || reads == 0) {
                  byte[] seen = store.readAll(key);
                  if (!Arrays.equals(seen, v1) && !Arrays.equals(seen, v2)) {
                    fail("reader saw a partial object of " + seen.length + " bytes");
                  }
                  reads++;
                }
                return reads;
              });
      for (int i = 0; i < 3; i++) {
        store.write(key, ByteBuffer.wrap(i % 2 == 0 ? v2 : v1));
      }
      done.set(true);
      assertTrue(reader.get(2, TimeUnit.MINUTES) > 0);
      assertArrayEquals(v2, store.readAll(key));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writesFromBufferPositionToLimit() throws IOException {
    assumeTrue(supportsWrites(), "store is read-only");
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
    buf.position(1).limit(4);
    store.write(prefix + "slice.bin", buf);
    assertArrayEquals(new byte[] {1, 2, 3}, store.readAll(prefix + "slice.bin"));
    assertEquals(1, buf.position(), "write must not move the caller's buffer");
  }

  @Test
  void writesFromADirectBufferAndKeepsNoReferenceToIt() throws IOException {
    assumeTrue(supportsWrites(), "store is read-only");
    byte[] data = randomBytes(300_000, 11);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 10);
    direct.position(10);
    direct.put(data).position(10);
    store.write(prefix + "direct.bin", direct);
    assertEquals(10, direct.position(), "write must not move the caller's buffer");
    // The caller may reuse its buffer as soon as write returns.
    direct.clear();
    direct.put(new byte[direct.capacity()]);
    assertArrayEquals(data, store.readAll(prefix + "direct.bin"));
  }

  @Test
  void readsWholeObjectIntoAGivenBufferOrItsOwn() throws IOException {
    byte[] data = randomBytes(1_000_003, 12);
    put(prefix + "into.bin", data);
    for (boolean direct : new boolean[] {true, false}) {
      List<ByteBuffer> given = new ArrayList<>();
      ByteBuffer got = store.readAll(prefix + "into.bin", n -> {
        assertEquals(data.length, n, "the allocator is asked for the object's length");
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(n + 100) : ByteBuffer.allocate(n + 100);
        given.add(b);
        return b;
      });
      assertTrue(given.size() <= 1, "at most one buffer asked for");
      if (!given.isEmpty() || got.isDirect()) {
        assertTrue(given.size() == 1 && got == given.get(0), "a store that asks for a buffer returns that buffer");
      }
      assertEquals(0, got.position());
      assertEquals(data.length, got.limit());
      assertArrayEquals(data, bytesOf(got));
    }
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> store.readAll(prefix + "no-such-object", ByteBuffer::allocate));
    assertTrue(e.getMessage().contains("no-such-object"), e.getMessage());
  }

  @Test
  void servesAsManyFetchesAtOnceAsItPrefers() throws Exception {
    int n = store.preferredConcurrency();
    assertTrue(n >= 1 && n <= 1024, "preferredConcurrency " + n);
    byte[] data = randomBytes(50_000, 13);
    put(prefix + "fetched.bin", data);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<byte[]>> reads = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        reads.add(pool.submit(() -> store.readAll(prefix + "fetched.bin")));
      }
      for (Future<byte[]> f : reads) {
        assertArrayEquals(data, f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void statAndResumableWritesSkipWhatIsAlreadyThere() throws IOException {
    assumeTrue(supportsWrites(), "store is read-only");
    String key = prefix + "resumable.bin";
    assertTrue(store.stat(key).isEmpty(), "no stat for a missing key");
    byte[] data = randomBytes(MIB + 5, 11);
    java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();
    io.trajstream.store.WriteOutcome first = store.writeResumable(key, ByteBuffer.wrap(data), progress::addAndGet);
    assertFalse(first.wasSkipped(), first.toString());
    assertEquals(data.length, progress.get(), "progress adds up to the size");
    io.trajstream.store.ObjectStat stat = store.stat(key).orElseThrow();
    assertEquals(data.length, stat.size());
    if (stat.checksum() != null) {
      assertEquals(store.checksumOf(ByteBuffer.wrap(data)), stat.checksum(), "checksumOf predicts what stat reports");
    }
    assertTrue(store.writeResumable(key, ByteBuffer.wrap(data), n -> {}).wasSkipped(), "same size and content: skipped");
    data[data.length - 1] ^= 1;
    assertFalse(store.writeResumable(key, ByteBuffer.wrap(data), n -> {}).wasSkipped(), "changed content is written");
    assertArrayEquals(data, store.readAll(key));
  }

  @Test
  void roundTrips20MiBObject() throws IOException {
    byte[] data = randomBytes(20 * MIB, 7);
    put(prefix + "large.bin", data);
    try (StoreInput in = store.newInput(prefix + "large.bin")) {
      assertEquals(data.length, in.length());
      assertArrayEquals(Arrays.copyOfRange(data, 19 * MIB, 19 * MIB + 4096), bytesOf(in.read(19 * MIB, 4096)));
    }
    assertArrayEquals(data, store.readAll(prefix + "large.bin"));
  }

  @Test
  void handlesEmptyObjects() throws IOException {
    put(prefix + "empty.bin", new byte[0]);
    assertTrue(store.exists(prefix + "empty.bin"));
    assertArrayEquals(new byte[0], store.readAll(prefix + "empty.bin"));
    try (StoreInput in = store.newInput(prefix + "empty.bin")) {
      assertEquals(0, in.length());
      assertEquals(0, in.read(0, 0).remaining());
      assertThrows(EOFException.class, () -> in.read(0, 1));
    }
  }

  @Test
  void keysWithSpacesAndNonAscii() throws IOException {
    String key = prefix + "dir with space/fïlé ü 水.bin";
    byte[] data = randomBytes(333, 8);
    put(key, data);
    assertTrue(store.exists(key));
    assertArrayEquals(data, store.readAll(key));
    if (supportsListing()) {
      assertEquals(List.of(key), store.list(prefix + "dir with space/").map(StoreEntry::key).collect(Collectors.toList()));
    }
  }

  @Test
  void deleteRemovesAndToleratesMissing() throws IOException {
    assumeTrue(supportsWrites(), "store is read-only");
    put(prefix + "gone.bin", new byte[] {1});
    store.delete(prefix + "gone.bin");
    assertFalse(store.exists(prefix + "gone.bin"));
    store.delete(prefix + "never-there.bin");
  }

  @Test
  void vectoredReadOfThousandRandomRangesMatchesPlainReads() throws Exception {
    byte[] data = randomBytes(4 * MIB, 9);
    put(prefix + "vectored.bin", data);
    Random rnd = new Random(10);
    List<ByteRange> ranges = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int len = rnd.nextInt(8192);
      long off = rnd.nextInt(data.length - len + 1);
      ranges.add(new ByteRange(off, len));
    }
    try (StoreInput in = store.newInput(prefix + "vectored.bin")) {
      for (VectoredReadOptions opts :
          List.of(VectoredReadOptions.DEFAULT, VectoredReadOptions.NO_MERGE, new VectoredReadOptions(1 << 20, 1 << 20))) {
        List<ByteBuffer> got = in.readVectored(ranges, opts).get(5, TimeUnit.MINUTES);
        assertEquals(ranges.size(), got.size());
        for (int i = 0; i < ranges.size(); i++) {
          ByteRange r = ranges.get(i);
          assertArrayEquals(
              Arrays.copyOfRange(data, (int) r.offset(), (int) r.end()), bytesOf(got.get(i)), "range " + i + " " + r + " with " + opts);
        }
      }
      CompletionException e =
          assertThrows(
              CompletionException.class,
              () -> in.readVectored(List.of(new ByteRange(0, 10), new ByteRange(data.length - 5, 10))).join());
      assertTrue(e.getCause() instanceof EOFException, "cause: " + e.getCause());
    }
  }

  @Test
  void thirtyTwoConcurrentReadersShareOneInput() throws Exception {
    byte[] data = randomBytes(2 * MIB, 11);
    put(prefix + "concurrent.bin", data);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try (StoreInput in = store.newInput(prefix + "concurrent.bin")) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        long seed = t;
        results.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(seed);
                  for (int i = 0; i < 20; i++) {
                    int len = 1 + rnd.nextInt(65536);
                    int off = rnd.nextInt(data.length - len);
                    assertArrayEquals(Arrays.copyOfRange(data, off, off + len), bytesOf(in.read(off, len)));
                  }
                  return 20;
                }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertEquals(32 * 20, total);
    } finally {
      pool.shutdownNow();
    }
  }
}
