package io.trajstream.azure;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code az://container/prefix} stores on Azure Blob Storage; see {@link AzureOptions} for
 * the {@code azure.*} options and how the credential is chosen. No request is made until the store
 * is used.
 */
public final class AzureStoreFactory implements StoreFactory {
  private final Map<String, String> env;

  /** The factory {@link java.util.ServiceLoader} creates: reads the process environment. */
  public AzureStoreFactory() {
    this(null);
  }

  /** A factory reading {@code env} instead of the process environment (for tests). */
  AzureStoreFactory(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("az");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(AzureOptions.CONNECTION_STRING, AzureOptions.ACCOUNT, AzureOptions.ENDPOINT, AzureOptions.SAS_TOKEN,
        AzureOptions.ACCOUNT_KEY, AzureOptions.ANONYMOUS, AzureOptions.MAX_TRIES, AzureOptions.TRY_TIMEOUT_MS,
        AzureOptions.RETRY_DELAY_MS, AzureOptions.MAX_RETRY_DELAY_MS, AzureOptions.DOWNLOAD_RESUMES,
        AzureOptions.CONNECT_TIMEOUT_MS, AzureOptions.SINGLE_UPLOAD_MAX, AzureOptions.BLOCK_SIZE,
        AzureOptions.UPLOAD_CONCURRENCY, AzureOptions.READ_TIMEOUT_MS);
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    if (root.getScheme() == null || !"az".equalsIgnoreCase(root.getScheme())) {
      throw new IllegalArgumentException(root + ": not an az:// URL");
    }
    if (root.getRawQuery() != null || root.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "az://" + root.getAuthority() + root.getPath()
              + ": the URL must not carry a query or fragment; give a SAS in " + AzureOptions.SAS_TOKEN);
    }
    String container = root.getAuthority();
    if (container == null || container.isEmpty()) {
      throw new IllegalArgumentException(root + ": az:// URL needs a container: az://container/prefix");
    }
    String path = root.getPath() == null ? "" : root.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!path.isEmpty() && !path.endsWith("/")) {
      path = path + "/";
    }
    AzureOptions options = env == null ? AzureOptions.parse(config) : AzureOptions.parse(config, env);
    return new AzureStore(AzureClients.containerClient(options, container), path, options);
  }
}
