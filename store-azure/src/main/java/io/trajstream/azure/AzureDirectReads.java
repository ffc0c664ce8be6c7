package io.trajstream.azure;

import io.trajstream.store.Backoff;
import io.trajstream.store.HttpReplies;
import io.trajstream.store.http.ErrorAnswer;
import io.trajstream.store.http.Http1Client;
import io.trajstream.store.http.ObjectReads;
import io.trajstream.store.http.PercentEncoding;
import io.trajstream.store.http.ReadPolicy;
import io.trajstream.store.http.RequestAuthorizer;
import io.trajstream.store.http.TransientHttpException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Blob service read requests (Get Blob Properties as a HEAD, ranged and whole Get Blob) on
 * api's {@link ObjectReads} and its blocking HTTP/1.1 client, instead of through the Azure SDK: a
 * read-only run then loads and builds no SDK client (with its reactor, Jackson and the JDK HTTP
 * client), which costs a short command more CPU than its few requests. Lists and writes keep the SDK.
 *
 * <p>Used when {@value AzureOptions#DIRECT_READS} is not false and the requests can be authorised
 * here ({@link #of}): a shared key ({@link SharedKey}), a SAS token or URL (its query on every
 * request), anonymous, or a connection string holding an account key or a SAS; Azure AD ({@code
 * DefaultAzureCredential}) keeps the SDK. What is Azure's here: the blob URLs, the authorisation,
 * and the meaning of error answers: the SDK path's messages ({@link AzureErrors}); 408, 429 and
 * 5xx but 501 and 505 are retried up to {@value AzureOptions#MAX_TRIES} with {@link Backoff} and the
 * service's {@code x-ms-retry-after-ms}, {@code retry-after-ms} or {@code Retry-After}; a body that
 * breaks off is tried again up to {@value AzureOptions#DOWNLOAD_RESUMES} times (from its start).
 * A try is bounded by {@value AzureOptions#CONNECT_TIMEOUT_MS} and {@value
 * AzureOptions#READ_TIMEOUT_MS} (for the answer, and for each 64 KiB of a body) rather than by
 * {@value AzureOptions#TRY_TIMEOUT_MS}, which applies to the SDK's requests.
 */
final class AzureDirectReads implements AutoCloseable {
  private final ObjectReads reads;
  private final String auth;

  private AzureDirectReads(AzureOptions o, Function<String, URI> uris, RequestAuthorizer authorizer, String auth) {
    this.auth = auth;
    int maxTries = o.maxTries();
    ReadPolicy policy = new ReadPolicy(maxTries, o.downloadResumes(), o.readTimeout(),
        new Backoff(o.retryDelay(), o.maxRetryDelay()), AzureOptions.READ_TIMEOUT_MS,
        AzureOptions.ACCOUNT + ", " + AzureOptions.ENDPOINT + " or the connection string's BlobEndpoint, and the network");
    this.reads = new ObjectReads(new Http1Client(o.connectTimeout(), null), uris, authorizer,
        (location, answer) -> failure(location, answer, maxTries), policy);
  }

  /** The reads of {@code container} without the SDK, or empty when only the SDK can authorise them. */
  static Optional<AzureDirectReads> of(AzureOptions o, String container) {
    if (!o.directReads()) {
      return Optional.empty();
    }
    String endpoint = o.serviceEndpoint();
    switch (o.authMode()) {
      case ANONYMOUS:
        return Optional.of(new AzureDirectReads(o, blobUris(endpoint, container, null), version(), "anonymous"));
      case SAS_TOKEN:
        return Optional.of(new AzureDirectReads(o, blobUris(endpoint, container, o.sasToken().orElseThrow()), version(), "SAS"));
      case SHARED_KEY:
        return sharedKey(o, endpoint, container, o.account().orElseThrow(), o.accountKey().orElseThrow());
      case CONNECTION_STRING: {
        ConnectionString cs = ConnectionString.parse(o.connectionString().orElseThrow());
        String csEndpoint = o.endpoint().orElse(cs.blobEndpoint());
        if (cs.developmentStorage() || csEndpoint == null) {
          return Optional.empty();
        }
        if (cs.sharedAccessSignature() != null) {
          return Optional.of(new AzureDirectReads(o, blobUris(csEndpoint, container, cs.sharedAccessSignature()), version(), "SAS"));
        }
        if (cs.accountName() != null && cs.accountKey() != null) {
          return sharedKey(o, csEndpoint, container, cs.accountName(), cs.accountKey());
        }
        return Optional.empty();
      }
      default:
        return Optional.empty(); // Azure AD: the SDK's credential chain
    }
  }

  private static Optional<AzureDirectReads> sharedKey(AzureOptions o, String endpoint, String container, String account,
      String key) {
    SharedKey signer;
    try {
      signer = new SharedKey(account, key);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the SDK reports a malformed key in its own words
    }
    return Optional.of(new AzureDirectReads(o, blobUris(endpoint, container, null), signer, "shared key"));
  }

  /** Unsigned requests still name the service version, so that {@code Range} and error codes are the current ones. */
  private static RequestAuthorizer version() {
    return (method, uri, headers) -> headers.put("x-ms-version", SharedKey.VERSION);
  }

  /** The URL of a blob: the endpoint, the container, the name percent-encoded ({@code /} too), then the SAS if any. */
  static Function<String, URI> blobUris(String endpoint, String container, String sas) {
    String base = endpoint.replaceAll("/+$", "") + "/" + PercentEncoding.segment(container) + "/";
    String query = sas == null || sas.isEmpty() ? "" : "?" + (sas.startsWith("?") ? sas.substring(1) : sas);
    return name -> URI.create(base + PercentEncoding.segment(name) + query);
  }

  /** The reads themselves. */
  ObjectReads reads() {
    return reads;
  }

  /** What an error answer of the Blob service means: worth another try, or the SDK path's error. */
  static IOException failure(String location, ErrorAnswer a, int maxTries) {
    int s = a.status();
    String code = a.header("x-ms-error-code");
    if (code == null) {
      code = a.xmlElement("Code");
    }
    if (HttpReplies.retryableStatus(s)) {
      return new TransientHttpException("HTTP " + s + (code == null ? "" : " " + code), retryAfter(a));
    }
    return AzureErrors.fromResponse(location, operation(a.request()), maxTries, s, code, null);
  }

  /** The SDK path's name of a request, for messages. */
  private static String operation(String request) {
    return switch (request) {
      case "HEAD" -> "properties request";
      case "GET" -> "read";
      default -> request.replace("ranged GET", "read");
    };
  }

  private static Duration retryAfter(ErrorAnswer a) {
    for (String name : new String[] {"x-ms-retry-after-ms", "retry-after-ms"}) {
      String ms = a.header(name);
      if (ms != null && ms.trim().matches("\\d{1,12}")) {
        return Duration.ofMillis(Long.parseLong(ms.trim()));
      }
    }
    return HttpReplies.retryAfter(a.header("Retry-After"), Instant.now());
  }

  @Override
  public void close() {
    reads.close();
  }

  @Override
  public String toString() {
    return "AzureDirectReads[" + auth + "]";
  }
}
