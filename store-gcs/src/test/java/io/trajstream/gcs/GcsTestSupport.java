package io.trajstream.gcs;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Opens stores on a {@link GcsTestServer} the way a user would: a URL plus storage options. */
final class GcsTestSupport {
  private GcsTestSupport() {}

  /** Options for the server: its endpoint, anonymous access, and fast retries. */
  static StoreConfig config(GcsTestServer server) {
    return StoreConfig.of(settings(server));
  }

  /** The options of {@link #config}, to add to. */
  static Map<String, String> settings(GcsTestServer server) {
    return Map.of(
        GcsOptions.HOST, server.endpoint(),
        GcsOptions.ANONYMOUS, "true",
        GcsOptions.RETRY_INITIAL_DELAY_MS, "5",
        GcsOptions.RETRY_MAX_DELAY_MS, "50",
        GcsOptions.RETRY_TOTAL_TIMEOUT_MS, "30000",
        GcsOptions.READ_TIMEOUT_MS, "20000");
  }

  static Store open(GcsTestServer server, String url) throws IOException {
    return open(url, config(server));
  }

  static Store open(String url, StoreConfig config) throws IOException {
    return new GcsStoreFactory(Map.of()).create(URI.create(url), config);
  }
}
