package io.trajstream.azure;

import com.azure.storage.blob.BlobContainerClient;
import io.trajstream.store.BackgroundClient;
import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code az://container/prefix} stores on Azure Blob Storage; see {@link AzureOptions} for
 * the {@code azure.*} options and how the credential is chosen. A SAS URL works too: the query of
 * {@code az://container/prefix?sv=...&sig=...} is taken as {@value AzureOptions#SAS_TOKEN} (and
 * chosen as that option would be), never as part of a blob name, and its signature is masked in
 * every message. No request is made until the store is used.
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
        AzureOptions.UPLOAD_CONCURRENCY, AzureOptions.READ_TIMEOUT_MS, AzureOptions.DIRECT_READS);
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    String shown = AzureErrors.mask(String.valueOf(root));
    if (root.getScheme() == null || !"az".equalsIgnoreCase(root.getScheme())) {
      throw new IllegalArgumentException(shown + ": not an az:// URL");
    }
    if (root.getRawFragment() != null) {
      throw new IllegalArgumentException(shown + ": the URL must not carry a fragment (#...)");
    }
    String container = root.getAuthority();
    if (container == null || container.isEmpty()) {
      throw new IllegalArgumentException(shown + ": az:// URL needs a container: az://container/prefix");
    }
    String path = root.getPath() == null ? "" : root.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!path.isEmpty() && !path.endsWith("/")) {
      path = path + "/";
    }
    StoreConfig effective = withSasOfUrl(root, config, shown);
    AzureOptions options = env == null ? AzureOptions.parse(effective) : AzureOptions.parse(effective, env);
    java.util.Optional<AzureDirectReads> direct = AzureDirectReads.of(options, container);
    // with direct reads, a read-only run never needs the SDK: it is built on first use only; else it
    // is built while the caller goes on (plugins, format classes) until its first request
    BackgroundClient<BlobContainerClient> client = direct.isPresent()
        ? BackgroundClient.onFirstUse(() -> AzureClients.containerClient(options, container), c -> { })
        : new BackgroundClient<>("trajstream-azure-client", () -> AzureClients.containerClient(options, container), c -> { });
    return new AzureStore(client, direct.orElse(null), container, path, options);
  }

  /**
   * {@code config} with the query of {@code root} (a SAS URL's token, {@code sv=...&sig=...}) as
   * {@value AzureOptions#SAS_TOKEN}; the query is never part of a blob's name. A query that is not a
   * SAS token, or a different token also given as the option, is a one-line error with the
   * signature masked.
   */
  private static StoreConfig withSasOfUrl(URI root, StoreConfig config, String shown) {
    String query = root.getRawQuery();
    if (query == null || query.isEmpty()) {
      return config;
    }
    if (!hasParameter(query, "sig")) {
      throw new IllegalArgumentException(shown + ": the URL's query is not a SAS token (it has no sig=); "
          + "give the container and prefix only, and any credential as an azure.* option");
    }
    String given = config.get(AzureOptions.SAS_TOKEN).map(String::trim).orElse("");
    if (given.startsWith("?")) {
      given = given.substring(1);
    }
    if (!given.isEmpty() && !given.equals(query)) {
      throw new IllegalArgumentException(shown + ": the URL carries a SAS token and " + AzureOptions.SAS_TOKEN
          + " gives another; give only one");
    }
    return config.with(AzureOptions.SAS_TOKEN, query);
  }

  private static boolean hasParameter(String rawQuery, String name) {
    for (String p : rawQuery.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
