package io.trajstream.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.testkit.s3.S3ProxyServer;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Creating an S3 store asks nothing of the network (no endpoint, credential or region look-up that
 * could wait on it), and its first request works. The time taken to build the SDK client is
 * printed, not asserted.
 */
class StoreCreationTest {
  @Test
  void creatingAStoreNeedsNoNetwork() throws Exception {
    // Port 9 on loopback: nothing listens, so any request at creation would fail.
    Map<String, String> o = Map.of("s3.endpoint", "http://127.0.0.1:9", "s3.anonymous", "true", "s3.region", "us-east-1");
    long t0 = System.nanoTime();
    Store store = new S3StoreFactory().create(URI.create("s3://no-such-bucket/prefix/"), StoreConfig.of(o));
    long t1 = System.nanoTime();
    try (store) {
      assertEquals("s3://no-such-bucket/prefix/", store.root());
    }
    System.out.printf("S3 store created in %.1f ms (first in this JVM)%n", (t1 - t0) / 1e6);
  }

  @Test
  void theFirstRequestOfANewStoreWorks() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.withAuthentication()) {
      String root = "s3://" + S3ProxyServer.BUCKET + "/c-" + UUID.randomUUID().toString().substring(0, 8) + "/";
      StoreConfig config = StoreConfig.of(new TreeMap<>(server.options(server.endpoint())));
      try (Store writer = new S3StoreFactory().create(URI.create(root), config)) {
        writer.write("a.bin", new byte[] {4, 5, 6});
      }
      long t0 = System.nanoTime();
      Store store = new S3StoreFactory().create(URI.create(root), config);
      long t1 = System.nanoTime();
      try (store) {
        assertArrayEquals(new byte[] {4, 5, 6}, store.readAll("a.bin"));
        long t2 = System.nanoTime();
        System.out.printf("S3 store created in %.1f ms, its first request took %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
      }
    }
  }
}
