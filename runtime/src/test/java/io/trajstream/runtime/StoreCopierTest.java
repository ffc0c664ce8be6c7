package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.FileStore;
import io.trajstream.store.MemoryStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreException;
import io.trajstream.store.WriteOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreCopier} and the resumable writes under it, on local and in-memory stores. */
class StoreCopierTest {
  @TempDir Path dir;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void fillZarrLike(Store s) throws IOException {
    s.write("run.zarrmd/.zgroup", "{\"zarr_format\":2}".getBytes());
    s.write("run.zarrmd/a/.zarray", "{}".getBytes());
    s.write("run.zarrmd/a/0.0", bytes(300_000, 1));
    s.write("run.zarrmd/a/1.0", bytes(200_000, 2));
    s.write("run.zarrmd/.zmetadata", "{}".getBytes());
  }

  @Test
  void copiesADirectoryWithMetadataLastAndSkipsWhatIsThereOnTheRerun() throws Exception {
    FileStore src = new FileStore(dir.resolve("src"), false);
    fillZarrLike(src);
    MeteredStore dst = new MeteredStore(new FileStore(dir.resolve("dst"), false));
    StoreCopier copier = new StoreCopier(3);
    StoreCopier.Plan plan = copier.plan(src, "run.zarrmd");
    assertEquals(5, plan.objects().size());
    assertEquals(".zmetadata", plan.objects().get(4).key().substring("run.zarrmd/".length()));
    assertTrue(plan.objects().get(0).key().endsWith("0.0") && plan.objects().get(1).key().endsWith("1.0"), plan.toString());
    AtomicLong seen = new AtomicLong();
    StoreCopier.Report first = copier.copy(plan, src, "run.zarrmd", dst, "up/run.zarrmd", seen::addAndGet);
    assertEquals(plan.bytes(), seen.get());
    assertEquals(0, first.objectsSkipped());
    for (var e : plan.objects()) {
      assertArrayEquals(src.readAll(e.key()), dst.readAll("up/" + e.key()), e.key());
    }
    long putBytes = dst.bytes(MeteredStore.Operation.PUT);
    assertEquals(plan.bytes(), putBytes);
    StoreCopier.Report again = copier.copy(plan, src, "run.zarrmd", dst, "up/run.zarrmd", n -> {});
    assertEquals(5, again.objectsSkipped());
    assertEquals(plan.bytes(), again.bytesSkipped());
    assertEquals(putBytes, dst.bytes(MeteredStore.Operation.PUT), "nothing sent again");
  }

  @Test
  void anInterruptedCopyResumesAndSendsOnlyWhatIsMissing() throws Exception {
    MemoryStore src = new MemoryStore("mem://src/");
    fillZarrLike(src);
    FaultyStore faulty = new FaultyStore(new MemoryStore("mem://dst/")).failWritesAfter(2);
    MeteredStore dst = new MeteredStore(faulty);
    StoreCopier copier = new StoreCopier(1);
    StoreCopier.Plan plan = copier.plan(src, "run.zarrmd");
    assertThrows(StoreException.class, () -> copier.copy(plan, src, "run.zarrmd", dst, "run.zarrmd", n -> {}));
    assertFalse(dst.exists("run.zarrmd/.zmetadata"), "metadata goes last, so an interrupted copy has none");
    faulty.allowWrites();
    StoreCopier.Report r = copier.copy(plan, src, "run.zarrmd", dst, "run.zarrmd", n -> {});
    assertEquals(2, r.objectsSkipped());
    for (var e : plan.objects()) {
      assertArrayEquals(src.readAll(e.key()), dst.readAll(e.key()), e.key());
    }
  }

  @Test
  void fileStoreResumesAPartialFileFromWhereItsBytesStillMatch() throws Exception {
    FileStore fs = new FileStore(dir, false);
    byte[] data = bytes(20 << 20, 7);
    AtomicLong calls = new AtomicLong();
    // interrupt after the first 8 MiB piece
    assertThrows(IllegalStateException.class, () -> fs.writeResumable("big.bin", ByteBuffer.wrap(data), n -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("interrupted");
      }
    }));
    assertFalse(fs.exists("big.bin"), "no half-written target");
    assertEquals(List.of(), fs.list("").map(e -> e.key()).toList(), "the partial file is hidden from listings");
    AtomicLong progress = new AtomicLong();
    WriteOutcome o = fs.writeResumable("big.bin", ByteBuffer.wrap(data), progress::addAndGet);
    assertEquals(8 << 20, o.bytesSkipped());
    assertEquals(data.length, progress.get());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("big.bin")));
    assertTrue(fs.writeResumable("big.bin", ByteBuffer.wrap(data), n -> {}).wasSkipped());
    assertEquals(fs.checksumOf(ByteBuffer.wrap(data)), fs.stat("big.bin").orElseThrow().checksum());
    // changed content is written again
    data[5] ^= 1;
    assertFalse(fs.writeResumable("big.bin", ByteBuffer.wrap(data), n -> {}).wasSkipped());
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("big.bin")));
  }

  @Test
  void theDefaultResumableWriteComparesBytesWhenTheStoreKeepsNoChecksum() throws Exception {
    MemoryStore m = new MemoryStore("mem://m/");
    byte[] a = bytes(1000, 3);
    assertFalse(m.writeResumable("k", ByteBuffer.wrap(a), n -> {}).wasSkipped());
    assertTrue(m.writeResumable("k", ByteBuffer.wrap(a), n -> {}).wasSkipped());
    byte[] b = a.clone();
    b[999] ^= 1;
    assertFalse(m.writeResumable("k", ByteBuffer.wrap(b), n -> {}).wasSkipped());
    assertArrayEquals(b, m.readAll("k"));
  }

  @Test
  void copiesASingleObjectToAnotherKey() throws Exception {
    MemoryStore src = new MemoryStore("mem://s/");
    src.write("x.h5md", bytes(5000, 9));
    MemoryStore dst = new MemoryStore("mem://d/");
    StoreCopier c = new StoreCopier(2);
    StoreCopier.Report r = c.copy(c.plan(src, "x.h5md"), src, "x.h5md", dst, "pub/y.h5md", n -> {});
    assertEquals(1, r.objects());
    assertArrayEquals(src.readAll("x.h5md"), dst.readAll("pub/y.h5md"));
  }
}
