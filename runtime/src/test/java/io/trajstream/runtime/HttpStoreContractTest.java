package io.trajstream.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trajstream.store.FileStore;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreException;
import io.trajstream.testkit.AbstractStoreContractTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HttpStore against a real HTTP server on 127.0.0.1 serving ranges; objects are placed on its disk. */
class HttpStoreContractTest extends AbstractStoreContractTest {
  @TempDir Path dir;
  private RangeFileServer server;
  private FileStore disk;

  @Override
  protected Store createStore() throws IOException {
    server = new RangeFileServer(dir);
    disk = new FileStore(dir);
    return new HttpStoreFactory().create(server.root(), StoreConfig.of(java.util.Map.of("http.retries", "2")));
  }

  @Override
  protected void put(String key, byte[] data) throws IOException {
    disk.write(key, data);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void retriesServerErrorsThenGivesUpNamingTheLocation() throws IOException {
    byte[] data = randomBytes(1000, 99);
    put(prefix + "flaky.bin", data);
    server.failNext.set(2);
    assertArrayEquals(data, store.readAll(prefix + "flaky.bin"));
    server.failNext.set(10);
    StoreException e = assertThrows(StoreException.class, () -> store.readAll(prefix + "flaky.bin"));
    assertTrue(e.getMessage().contains(prefix + "flaky.bin") && e.getMessage().contains("503"), e.getMessage());
  }

  @Test
  void isReadOnly() {
    assertThrows(UnsupportedOperationException.class, () -> store.write("x", new byte[1]));
  }
}
