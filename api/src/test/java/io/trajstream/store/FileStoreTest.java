package io.trajstream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
  @TempDir Path dir;

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  /** Reads {@code len} bytes at {@code pos} on a new thread that is interrupted before it starts. */
  static Throwable readInterrupted(StoreInput in, long pos, int len) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        in.readFully(pos, new byte[len], 0, len);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    t.join();
    return thrown.get();
  }

  @Test
  void anInterruptedReaderDoesNotCloseTheInputForTheOthers() throws Exception {
    FileStore store = new FileStore(dir);
    byte[] data = bytes(100_000);
    store.write("a/data.bin", data);
    try (StoreInput in = store.newInput("a/data.bin")) {
      byte[] first = new byte[100];
      in.readFully(0, first, 0, 100);
      Throwable t = readInterrupted(in, 10, 100);
      assertInstanceOf(InterruptedIOException.class, t);
      assertTrue(t.getMessage().contains("a/data.bin"), t.getMessage());
      byte[] got = new byte[1000];
      in.readFully(50_000, got, 0, got.length);
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 50_000, 51_000), got);
      assertEquals(data.length, in.length());
      assertEquals(2, in.readVectoredBlocking(java.util.List.of(new ByteRange(0, 5), new ByteRange(99_000, 5))).size());
    }
  }

  @Test
  void anInputWhoseFileWasReplacedRefusesToReopenAnotherFile() throws Exception {
    FileStore store = new FileStore(dir);
    store.write("x.bin", bytes(1000));
    try (StoreInput in = store.newInput("x.bin")) {
      store.write("x.bin", new byte[1000]); // atomic replace: a new file under the same name
      readInterrupted(in, 0, 10);
      StoreException e = assertThrows(StoreException.class, () -> in.readFully(0, new byte[10], 0, 10));
      assertTrue(e.getMessage().contains("x.bin") && e.getMessage().contains("replaced"), e.getMessage());
    }
  }

  @Test
  void aClosedInputStaysClosed() throws Exception {
    FileStore store = new FileStore(dir);
    store.write("x.bin", bytes(1000));
    StoreInput in = store.newInput("x.bin");
    in.close();
    IOException e = assertThrows(IOException.class, () -> in.readFully(0, new byte[10], 0, 10));
    assertTrue(e.getMessage().contains("x.bin") && e.getMessage().contains("closed"), e.getMessage());
  }

  /** {@code root/dirlink -> outside} and {@code root/filelink -> outside/secret.txt}. */
  Path linksOut(Path root) throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "outside the root");
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("dirlink"), Path.of("..", "outside"));
    Files.createSymbolicLink(root.resolve("filelink"), outside.resolve("secret.txt"));
    return outside;
  }

  static void assertRefused(String key, org.junit.jupiter.api.function.Executable op) {
    StoreException e = assertThrows(StoreException.class, op, key);
    assertTrue(e.getMessage().contains("key '" + key + "' leads outside the store root"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void symbolicLinksLeadingOutTheRootAreRefusedForEveryOperation() throws Exception {
    Path root = dir.resolve("root");
    Path outside = linksOut(root);
    FileStore store = new FileStore(root);
    for (String key : java.util.List.of("dirlink/secret.txt", "filelink")) {
      assertRefused(key, () -> store.newInput(key));
      assertRefused(key, () -> store.readAll(key));
      assertRefused(key, () -> store.readAll(key, java.nio.ByteBuffer::allocateDirect));
      assertRefused(key, () -> store.exists(key));
      assertRefused(key, () -> store.write(key, new byte[] {1, 2, 3}));
      assertRefused(key, () -> store.delete(key));
    }
    assertRefused("dirlink/new.bin", () -> store.write("dirlink/new.bin", new byte[] {1}));
    assertRefused("dirlink/sub/deeper.bin", () -> store.write("dirlink/sub/deeper.bin", new byte[] {1}));
    assertRefused("dirlink", () -> store.list("dirlink/"));
    assertRefused("filelink", () -> store.list(""));
    try (java.util.stream.Stream<Path> left = Files.list(outside)) {
      assertEquals(java.util.List.of(outside.resolve("secret.txt")), left.toList(), "nothing written outside");
    }
    assertEquals("outside the root", Files.readString(outside.resolve("secret.txt")));
    assertTrue(Files.isSymbolicLink(root.resolve("filelink")), "the link was not replaced");
  }

  @Test
  void symbolicLinksThatStayInsideTheRootWork() throws Exception {
    Path root = dir.resolve("root");
    FileStore store = new FileStore(root);
    store.write("real/a.bin", new byte[] {1, 2});
    Files.createSymbolicLink(root.resolve("inlink"), Path.of("real"));
    Files.createSymbolicLink(root.resolve("alias.bin"), root.resolve("real/a.bin"));
    assertArrayEquals(new byte[] {1, 2}, store.readAll("inlink/a.bin"));
    assertArrayEquals(new byte[] {1, 2}, store.readAll("alias.bin"));
    store.write("inlink/b.bin", new byte[] {3});
    assertArrayEquals(new byte[] {3}, Files.readAllBytes(root.resolve("real/b.bin")));
    assertEquals(java.util.List.of("inlink/a.bin", "inlink/b.bin"),
        store.list("inlink/").map(StoreEntry::key).toList());
    assertEquals(java.util.List.of("alias.bin", "real/a.bin", "real/b.bin"),
        store.list("").map(StoreEntry::key).toList());
    try (StoreInput in = store.newInput("inlink/a.bin")) {
      assertEquals(2, in.length());
    }
    store.delete("inlink/b.bin");
    assertFalse(Files.exists(root.resolve("real/b.bin")));
    // a root that is itself a link is fine
    Path linkedRoot = Files.createSymbolicLink(dir.resolve("rootlink"), root);
    assertArrayEquals(new byte[] {1, 2}, new FileStore(linkedRoot).readAll("real/a.bin"));
  }

  @Test
  void keysAsLongAsTheFileSystemAllowsWork() throws Exception {
    FileStore store = new FileStore(dir.resolve("root"));
    for (int len : new int[] {200, 234, 240, 250, 255}) {
      String key = "d/" + "k".repeat(len);
      byte[] data = bytes(len);
      store.write(key, data);
      assertArrayEquals(data, store.readAll(key), key);
      store.write(key, data); // replacing works too
      assertTrue(store.exists(key));
    }
    assertEquals(5, store.list("d/").count());
    assertThrows(IOException.class, () -> store.write("d/" + "k".repeat(256), new byte[1]),
        "a name longer than the file system allows still fails");
  }

  @Test
  void temporaryFilesAreNeverListed() throws Exception {
    Path root = dir.resolve("root");
    FileStore store = new FileStore(root);
    store.write("a/x.bin", new byte[] {1});
    Files.write(root.resolve("a/.trajstream-tmp-3k9f2a"), new byte[] {2}); // left by a crash
    Files.write(root.resolve("a/.x.bin.k2j3.trajstream-tmp"), new byte[] {2}); // older naming
    assertEquals(java.util.List.of("a/x.bin"), store.list("").map(StoreEntry::key).toList());
  }
}
