package io.trajstream.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;

/**
 * Builds the SDK's container client from {@link AzureOptions}: a JDK HTTP client of its own
 * (HTTP/1.1; its daemon threads end once the store is unreachable), our retry rule ({@link
 * AzureRetries}) in place of the SDK's, and the credential the options select.
 */
final class AzureClients {
  private AzureClients() {}

  /**
   * A new JDK-based HTTP client with {@code connectTimeout}, and {@code readTimeout} as the longest
   * wait for the next bytes of a response body (the SDK's own default is a fixed 60 s).
   */
  static HttpClient httpClient(Duration connectTimeout, Duration readTimeout) {
    return new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1))
        .connectionTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .build();
  }

  /**
   * The SDK's storage retry policy reduced to one try per call, keeping only its per-try timeout:
   * {@link AzureRetries}, which runs before it, decides whether and when to try again.
   */
  static RequestRetryOptions singleTry(AzureOptions o) {
    return new RequestRetryOptions(
        RetryPolicyType.FIXED, 1, o.tryTimeout(), o.retryDelay(), o.maxRetryDelay(), null);
  }

  /** Our retry rule with the options' tries and delays. */
  static AzureRetries retries(AzureOptions o) {
    return new AzureRetries(o.maxTries(), o.retryDelay(), o.maxRetryDelay());
  }

  /** A client for {@code container} authorised as the options say. */
  static BlobContainerClient containerClient(AzureOptions o, String container) {
    HttpClient http = httpClient(o.connectTimeout(), o.readTimeout());
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().httpClient(http).retryOptions(singleTry(o)).addPolicy(retries(o));
    switch (o.authMode()) {
      case CONNECTION_STRING:
        b.connectionString(o.connectionString().orElseThrow());
        o.endpoint().ifPresent(b::endpoint);
        break;
      case ANONYMOUS:
        b.endpoint(o.serviceEndpoint());
        break;
      case SAS_TOKEN:
        b.endpoint(o.serviceEndpoint()).credential(new AzureSasCredential(o.sasToken().orElseThrow()));
        break;
      case SHARED_KEY:
        b.endpoint(o.serviceEndpoint())
            .credential(new StorageSharedKeyCredential(o.account().orElseThrow(), o.accountKey().orElseThrow()));
        break;
      case DEFAULT_CREDENTIAL:
        b.endpoint(o.serviceEndpoint()).credential(new DefaultAzureCredentialBuilder().httpClient(http).build());
        break;
      default:
        throw new IllegalStateException("unknown auth mode " + o.authMode());
    }
    return b.buildClient().getBlobContainerClient(container);
  }
}
