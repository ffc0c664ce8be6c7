package io.trajstream.runtime;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.net.URI;
import java.util.Set;

/**
 * {@code http:} and {@code https:} URLs, presigned ones included (their query is kept for every
 * request). Options, checked up front (see {@link HttpStoreOptions}): {@code http.timeout-ms}
 * (30000), {@code http.read-timeout-ms} (30000), {@code http.retries} (3), {@code
 * http.max-retry-wait-ms} (20000).
 */
public final class HttpStoreFactory implements StoreFactory {
  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(HttpStoreOptions.TIMEOUT, HttpStoreOptions.READ_TIMEOUT, HttpStoreOptions.RETRIES,
        HttpStoreOptions.MAX_RETRY_WAIT);
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    return new HttpStore(root, HttpStoreOptions.from(config));
  }
}
