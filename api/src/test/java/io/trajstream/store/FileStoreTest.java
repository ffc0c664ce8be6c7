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
}
