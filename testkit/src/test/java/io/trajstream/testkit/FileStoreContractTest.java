package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreContractTest extends AbstractStoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store createStore() {
    return new FileStore(dir.resolve("root"));
  }

  @Test
  void refusesKeysThatEscapeTheRoot() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    Files.writeString(dir.resolve("secret.txt"), "outside");
    for (String key : new String[] {"../secret.txt", "a/../../secret.txt", "./x", "a/./b", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.readAll(key), key);
      assertTrue(e.getMessage().contains("root") || e.getMessage().contains("key"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> store.write(key, new byte[] {1}), key);
    }
    assertTrue(Files.readString(dir.resolve("secret.txt")).equals("outside"));
  }

  @Test
  void fsyncOptionStillWritesAtomically() throws Exception {
    try (Store durable = new io.trajstream.store.FileStoreFactory().create(dir.resolve("durable").toUri(),
        io.trajstream.store.StoreConfig.parse(java.util.List.of("file.fsync=true")))) {
      durable.write("x/y.bin", new byte[] {7, 8});
      org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {7, 8}, durable.readAll("x/y.bin"));
    }
  }

  @Test
  void readsWholeFilesStraightIntoTheCallersDirectBuffer() throws Exception {
    byte[] data = new byte[3_000_001];
    new java.util.Random(5).nextBytes(data);
    store.write("d/whole.bin", data);
    java.nio.ByteBuffer mine = java.nio.ByteBuffer.allocateDirect(4_000_000);
    java.nio.ByteBuffer got = store.readAll("d/whole.bin", n -> mine);
    org.junit.jupiter.api.Assertions.assertSame(mine, got, "the file is read into the caller's buffer");
    byte[] back = new byte[got.remaining()];
    got.duplicate().get(back);
    org.junit.jupiter.api.Assertions.assertArrayEquals(data, back);
    assertThrows(java.io.FileNotFoundException.class, () -> store.readAll("d", n -> mine), "a directory is no object");
  }

  @Test
  void concurrencyIsOnePerProcessorUnlessConfigured() throws Exception {
    org.junit.jupiter.api.Assertions.assertEquals(Runtime.getRuntime().availableProcessors(), store.preferredConcurrency());
    io.trajstream.store.FileStoreFactory f = new io.trajstream.store.FileStoreFactory();
    try (Store nfs = f.create(dir.toUri(), io.trajstream.store.StoreConfig.parse(java.util.List.of("file.concurrency=16")))) {
      org.junit.jupiter.api.Assertions.assertEquals(16, nfs.preferredConcurrency());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.create(dir.toUri(), io.trajstream.store.StoreConfig.parse(java.util.List.of("file.concurrency=0"))));
    assertTrue(e.getMessage().contains("file.concurrency"), e.getMessage());
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    store.write("a/b.bin", new byte[] {1, 2});
    store.write("a/b.bin", new byte[] {3});
    try (var files = Files.list(dir.resolve("root/a"))) {
      assertTrue(files.allMatch(p -> p.getFileName().toString().equals("b.bin")));
    }
  }

  @Test
  void writtenFilesGetTheUsersDefaultPermissionsNotPrivateOnes() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    store.write("shared/chunk.bin", new byte[] {1});
    Path plain = Files.createFile(dir.resolve("root/shared/plain.bin"));
    org.junit.jupiter.api.Assertions.assertEquals(Files.getPosixFilePermissions(plain),
        Files.getPosixFilePermissions(dir.resolve("root/shared/chunk.bin")),
        "a stored object is readable by whoever may read a file the user creates");
  }
}
