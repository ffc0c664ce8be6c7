package io.trajstream.gcs;

import com.google.auth.Credentials;
import io.trajstream.store.BackgroundClient;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code gs://bucket/prefix} (alias {@code gcs://}) stores. Options and environment: see
 * {@link GcsOptions}.
 */
public final class GcsStoreFactory implements StoreFactory {
  private final Map<String, String> env;

  /** A factory reading the process environment. */
  public GcsStoreFactory() {
    this(System.getenv());
  }

  /** A factory reading {@code env} instead of the process environment (for tests). */
  public GcsStoreFactory(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Set<String> schemes() {
    return Set.of("gs", "gcs");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(GcsOptions.HOST, GcsOptions.PROJECT, GcsOptions.ANONYMOUS, GcsOptions.MAX_ATTEMPTS,
        GcsOptions.RETRY_INITIAL_DELAY_MS, GcsOptions.RETRY_MAX_DELAY_MS, GcsOptions.RETRY_TOTAL_TIMEOUT_MS,
        GcsOptions.CONNECT_TIMEOUT_MS, GcsOptions.READ_TIMEOUT_MS, GcsOptions.RESUMABLE_THRESHOLD,
        GcsOptions.RESUMABLE_CHUNK_SIZE, GcsOptions.UPLOAD_STATE_DIR, GcsOptions.DIRECT_READS);
  }

  @Override
  public Store create(URI root, StoreConfig config) throws IOException {
    String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!schemes().contains(scheme)) {
      throw new IllegalArgumentException(root + ": not a gs:// or gcs:// URL");
    }
    String bucket = root.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException(root + ": no bucket (expected gs://bucket/prefix)");
    }
    String path = root.getPath() == null ? "" : root.getPath();
    GcsOptions options = GcsOptions.from(config, env);
    String location = "gs://" + bucket + path;
    if (options.directReads()) {
      // reads go without the client: a read-only run never builds it, a listing or write builds it then
      Credentials credentials = options.anonymous() ? null : GcsClients.scoped(GcsClients.credentials(options, location));
      GcsDirectReads direct = GcsDirectReads.of(options, bucket, credentials).orElseThrow();
      return new GcsStore(BackgroundClient.onFirstUse(() -> GcsClients.create(options,
          credentials == null ? GcsClients.anonymous() : credentials), s -> { }), direct, true, bucket, path, options);
    }
    // credentials are found here (a missing one is an error now); the client is built in the background
    Credentials credentials = GcsClients.credentials(options, location);
    return new GcsStore(new BackgroundClient<>("trajstream-gcs-client", () -> GcsClients.create(options, credentials),
        s -> { }), null, true, bucket, path, options);
  }
}
