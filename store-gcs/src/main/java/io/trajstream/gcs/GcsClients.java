package io.trajstream.gcs;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.trajstream.store.StoreException;
import java.io.IOException;

/**
 * Builds a google-cloud-storage client on its HTTP/JSON transport (never gRPC) from {@link
 * GcsOptions}: endpoint, project, credentials and explicit retry settings.
 */
final class GcsClients {
  /** Project id given to the client in anonymous mode, so it never probes for one. */
  static final String ANONYMOUS_PROJECT = "anonymous-access";

  private GcsClients() {}

  /** A client with Application Default Credentials unless the options say anonymous. */
  static Storage create(GcsOptions options, String location) throws IOException {
    return create(options, credentials(options, location));
  }

  /** The credentials of anonymous mode: none. */
  static Credentials anonymous() {
    return NoCredentials.getInstance();
  }

  /** Application Default Credentials, or none when the options say anonymous. */
  static Credentials credentials(GcsOptions options, String location) throws IOException {
    Credentials credentials;
    if (options.anonymous()) {
      credentials = anonymous();
    } else {
      try {
        credentials = GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw new StoreException(location, "no Google Application Default Credentials found (set "
            + "GOOGLE_APPLICATION_CREDENTIALS or run 'gcloud auth application-default login'), or use "
            + GcsOptions.ANONYMOUS + "=true for a public bucket", e);
      }
    }
    return credentials;
  }

  /** The scope the client asks its credentials for (as google-cloud-storage does). */
  static final String SCOPE = "https://www.googleapis.com/auth/devstorage.full_control";

  /**
   * {@code credentials} with the client's scope when they need one, so that direct reads and the
   * client share one object and its token.
   */
  static Credentials scoped(Credentials credentials) {
    if (credentials instanceof GoogleCredentials g && g.createScopedRequired()) {
      return g.createScoped(java.util.List.of(SCOPE));
    }
    return credentials;
  }

  /** A client using the given credentials. */
  static Storage create(GcsOptions options, Credentials credentials) {
    HttpStorageOptions.Builder b = StorageOptions.http()
        .setCredentials(credentials)
        .setRetrySettings(retrySettings(options))
        // As the client's default, a call is retried only when it is idempotent. Reads and listings
        // are; GcsStore gives every upload and delete a generation precondition, so those are too,
        // and a retry can never replace or remove an object written after the first try took
        // effect. Which failures are retried is HttpReplies' rule (GcsRetries).
        .setStorageRetryStrategy(GcsRetries.strategy(options.retryMaxDelay()))
        .setTransportOptions(HttpTransportOptions.newBuilder()
            // the JDK's HttpURLConnection, every answer checked (CheckedConnection); one transport
            // (and connection pool) per client
            .setHttpTransportFactory(() -> new NetHttpTransport.Builder()
                .setConnectionFactory(url -> new CheckedConnection(
                    (java.net.HttpURLConnection) url.openConnection(), options.readTimeout()))
                .build())
            .setConnectTimeout(millis(options.connectTimeout().toMillis()))
            .setReadTimeout(millis(options.readTimeout().toMillis()))
            .build());
    options.host().ifPresent(b::setHost);
    if (options.project().isPresent()) {
      b.setProjectId(options.project().get());
    } else if (options.anonymous()) {
      b.setProjectId(ANONYMOUS_PROJECT);
    }
    return b.build().getService();
  }

  /** Exponential back-off with jitter; attempts, delays and the overall deadline are explicit. */
  static RetrySettings retrySettings(GcsOptions o) {
    return RetrySettings.newBuilder()
        .setMaxAttempts(o.maxAttempts())
        .setInitialRetryDelayDuration(o.retryInitialDelay())
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(o.retryMaxDelay())
        .setTotalTimeoutDuration(o.retryTotalTimeout())
        .setInitialRpcTimeoutDuration(o.readTimeout())
        .setRpcTimeoutMultiplier(1.0)
        .setMaxRpcTimeoutDuration(o.readTimeout())
        .setJittered(true)
        .build();
  }

  private static int millis(long ms) {
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }
}
