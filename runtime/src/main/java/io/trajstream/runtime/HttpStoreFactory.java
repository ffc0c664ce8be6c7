package io.trajstream.runtime;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** {@code http:} and {@code https:} URLs; options {@code http.timeout-ms} (default 30000), {@code http.retries} (3). */
public final class HttpStoreFactory implements StoreFactory {
  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of("http.timeout-ms", "http.retries");
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    return new HttpStore(root, Duration.ofMillis(config.getLong("http.timeout-ms", 30_000)), config.getInt("http.retries", 3));
  }
}
