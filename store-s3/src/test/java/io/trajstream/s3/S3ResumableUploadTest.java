package io.trajstream.s3;

import static io.trajstream.testkit.TestBytes.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.Checksums;
import io.trajstream.store.ObjectStat;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.WriteOutcome;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** stat, checksumOf and resumable multipart uploads against an embedded S3Proxy (SigV4 checked). */
class S3ResumableUploadTest {
  private static final int MIB = 1024 * 1024;
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.withAuthentication();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static Store open() {
    Map<String, String> m = new TreeMap<>(server.options(server.endpoint()));
    m.put("s3.multipart-threshold", String.valueOf(6 * MIB));
    m.put("s3.part-size", String.valueOf(5 * MIB));
    String root = "s3://" + S3ProxyServer.BUCKET + "/r-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    return new S3StoreFactory().create(URI.create(root), StoreConfig.of(m));
  }

  @Test
  void statReportsTheEtagThatChecksumOfPredicts() throws Exception {
    try (Store s = open()) {
      byte[] small = random(1000, 1);
      byte[] big = random(17 * MIB + 3, 2);
      s.write("small", small);
      s.write("big", big);
      ObjectStat a = s.stat("small").orElseThrow();
      assertEquals(1000, a.size());
      assertEquals(Checksums.md5Hex(ByteBuffer.wrap(small)), a.checksum());
      assertEquals(s.checksumOf(ByteBuffer.wrap(small)), a.checksum());
      ObjectStat b = s.stat("big").orElseThrow();
      assertEquals(big.length, b.size());
      assertTrue(b.checksum().endsWith("-4"), b.checksum());
      assertEquals(s.checksumOf(ByteBuffer.wrap(big)), b.checksum());
      assertTrue(s.stat("missing").isEmpty());
    }
  }

  @Test
  void anInterruptedMultipartUploadResumesWithThePartsAlreadyThere() throws Exception {
    try (Store s = open()) {
      byte[] data = random(22 * MIB, 3); // 5 parts of 5 MiB
      AtomicInteger reported = new AtomicInteger();
      RuntimeException stop = new IllegalStateException("stopped by the user");
      assertThrows(IllegalStateException.class, () -> s.writeResumable("run.h5md", ByteBuffer.wrap(data), n -> {
        if (reported.incrementAndGet() == 2) {
          throw stop;
        }
      }));
      assertFalse(s.exists("run.h5md"), "an unfinished multipart upload is no object");
      Thread.sleep(500); // the parts that were in flight land
      AtomicLong progress = new AtomicLong();
      WriteOutcome o = s.writeResumable("run.h5md", ByteBuffer.wrap(data), progress::addAndGet);
      assertEquals(5, o.parts());
      assertTrue(o.partsSkipped() >= 2, o.toString());
      assertTrue(o.bytesSkipped() >= 10L * MIB, o.toString());
      assertEquals(data.length, progress.get());
      assertArrayEquals(data, s.readAll("run.h5md"));
      WriteOutcome again = s.writeResumable("run.h5md", ByteBuffer.wrap(data), n -> {});
      assertTrue(again.wasSkipped(), again.toString());
    }
  }

  @Test
  void aPartWhoseBytesChangedIsSentAgain() throws Exception {
    try (Store s = open()) {
      byte[] data = random(11 * MIB, 4);
      s.writeResumable("x", ByteBuffer.wrap(data), n -> {});
      data[7 * MIB] ^= 1;
      WriteOutcome o = s.writeResumable("x", ByteBuffer.wrap(data), n -> {});
      assertFalse(o.wasSkipped());
      assertArrayEquals(data, s.readAll("x"));
    }
  }

  @Test
  void aLargeObjectIsReadFromItsSourcePartByPartAndResumes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    byte[] data = random(17 * MIB + 1, 5); // 4 parts
    java.nio.file.Files.write(tmp.resolve("src.bin"), data);
    io.trajstream.store.FileStore local = new io.trajstream.store.FileStore(tmp);
    try (Store s = open(); io.trajstream.store.StoreInput in = local.newInput("src.bin")) {
      AtomicInteger reported = new AtomicInteger();
      assertThrows(IllegalStateException.class, () -> s.writeResumable("from-file", in, n -> {
        if (reported.incrementAndGet() == 1) {
          throw new IllegalStateException("stopped");
        }
      }));
      Thread.sleep(500); // the parts that were in flight land
      WriteOutcome o = s.writeResumable("from-file", in, n -> {});
      assertTrue(o.partsSkipped() >= 1, o.toString());
      assertArrayEquals(data, s.readAll("from-file"));
      assertTrue(s.writeResumable("from-file", in, n -> {}).wasSkipped());
      assertEquals(s.checksumOf(ByteBuffer.wrap(data)), s.stat("from-file").orElseThrow().checksum());
    }
  }
}
