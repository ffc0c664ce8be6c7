package io.trajstream.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.trajstream.store.MemoryStore;
import io.trajstream.store.MemoryStoreFactory;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MemoryStoreContractTest extends AbstractStoreContractTest {
  @Override
  protected Store createStore() {
    return new MemoryStore();
  }

  @Test
  void storesWithTheSameNameShareContents() throws Exception {
    MemoryStoreFactory f = new MemoryStoreFactory();
    try (Store a = f.create(URI.create("mem://shared-space/p"), StoreConfig.empty());
        Store b = f.create(URI.create("mem://shared-space/"), StoreConfig.empty())) {
      a.write("k.bin", new byte[] {4, 5});
      assertArrayEquals(new byte[] {4, 5}, b.readAll("p/k.bin"));
    }
  }
}
