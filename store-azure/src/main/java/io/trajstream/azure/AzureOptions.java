package io.trajstream.azure;

import io.trajstream.store.StoreConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code azure.*} storage options of {@code az://container/prefix} stores, parsed and checked.
 *
 * <p>Credentials, first match wins: {@value #CONNECTION_STRING}; {@value #ANONYMOUS}{@code =true}
 * (unsigned requests, no credential chain); {@value #SAS_TOKEN}; {@value #ACCOUNT_KEY} (shared key,
 * with {@value #ACCOUNT}); the environment variable {@value #ENV_CONNECTION_STRING} when no account
 * was named; otherwise {@code DefaultAzureCredential}. The endpoint is {@value #ENDPOINT} when
 * given, else the connection string's, else {@code https://<account>.blob.core.windows.net}.
 *
 * <p>Retries are set explicitly (exponential back-off): {@value #MAX_TRIES} tries per request,
 * {@value #TRY_TIMEOUT_MS} per try, {@value #RETRY_DELAY_MS} first delay up to {@value
 * #MAX_RETRY_DELAY_MS}; a download whose body breaks off is resumed up to {@value
 * #DOWNLOAD_RESUMES} times. {@value #READ_TIMEOUT_MS} bounds the wait for each piece of a response
 * body (an idle or stalled body), so a body that stalls every time fails after about that long
 * times the attempts (tries and resumes), instead of the SDK's fixed 60 s each. Uploads above {@value #SINGLE_UPLOAD_MAX} bytes go as blocks of
 * {@value #BLOCK_SIZE} bytes, {@value #UPLOAD_CONCURRENCY} at a time.
 *
 * <p>{@value #DIRECT_READS} (default true): reads are sent without the SDK ({@link
 * AzureDirectReads}) when the credential allows it: shared key, SAS token or URL, anonymous, or a
 * connection string with an account key or a SAS; {@code DefaultAzureCredential} keeps the SDK.
 */
public final class AzureOptions {
  /** A storage connection string (secret). */
  public static final String CONNECTION_STRING = "azure.connection-string";
  /** The storage account name. */
  public static final String ACCOUNT = "azure.account";
  /** The blob service endpoint, e.g. {@code http://127.0.0.1:10000/devstoreaccount1}. */
  public static final String ENDPOINT = "azure.endpoint";
  /**
   * A shared access signature, with or without its leading {@code ?} (secret); the query of a SAS
   * URL ({@code az://container/prefix?sv=...&sig=...}) is taken as this option.
   */
  public static final String SAS_TOKEN = "azure.sas-token";
  /** The account's shared key, used with {@link #ACCOUNT} (secret). */
  public static final String ACCOUNT_KEY = "azure.account-key";
  /** {@code true}: unsigned requests, for public containers. */
  public static final String ANONYMOUS = "azure.anonymous";
  /** Tries per request, the first included (default 4). */
  public static final String MAX_TRIES = "azure.max-tries";
  /** Time limit of one try in milliseconds (default 120000). */
  public static final String TRY_TIMEOUT_MS = "azure.try-timeout-ms";
  /** First back-off delay in milliseconds (default 400). */
  public static final String RETRY_DELAY_MS = "azure.retry-delay-ms";
  /** Longest back-off delay in milliseconds (default 8000). */
  public static final String MAX_RETRY_DELAY_MS = "azure.max-retry-delay-ms";
  /** How often a download whose body breaks off is resumed (default 3). */
  public static final String DOWNLOAD_RESUMES = "azure.download-resumes";
  /**
   * Longest wait in milliseconds for the next bytes of a response body before the read fails and
   * the download is resumed or retried (default 30000).
   */
  public static final String READ_TIMEOUT_MS = "azure.read-timeout-ms";
  /** TCP connect timeout in milliseconds (default 10000). */
  public static final String CONNECT_TIMEOUT_MS = "azure.connect-timeout-ms";
  /** Largest object written with one request; larger ones go as blocks (default 16 MiB). */
  public static final String SINGLE_UPLOAD_MAX = "azure.single-upload-max";
  /** Block size of block uploads in bytes (default 8 MiB). */
  public static final String BLOCK_SIZE = "azure.block-size";
  /** Blocks uploaded at once (default 4). */
  public static final String UPLOAD_CONCURRENCY = "azure.upload-concurrency";

  /**
   * {@code false}: every request through the SDK; by default reads (properties, ranged and whole
   * downloads) go through TrajStream's own HTTP client when the credential allows it.
   */
  public static final String DIRECT_READS = "azure.direct-reads";

  /** The environment variable read when no credential option is given. */
  public static final String ENV_CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";

  private static final long MIB = 1024 * 1024;
  /** Azure's largest block (4000 MiB). */
  private static final long MAX_BLOCK = 4000 * MIB;

  /** How requests are authorised. */
  enum AuthMode { CONNECTION_STRING, ANONYMOUS, SAS_TOKEN, SHARED_KEY, DEFAULT_CREDENTIAL }

  private final AuthMode authMode;
  private final String connectionString;
  private final String account;
  private final String endpoint;
  private final String sasToken;
  private final String accountKey;
  private final int maxTries;
  private final Duration tryTimeout;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final int downloadResumes;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long singleUploadMax;
  private final long blockSize;
  private final int uploadConcurrency;
  private final boolean directReads;

  private AzureOptions(StoreConfig config, Function<String, String> env) {
    String cs = blankToNull(config.get(CONNECTION_STRING).orElse(null));
    account = blankToNull(config.get(ACCOUNT).orElse(null));
    endpoint = stripSlash(blankToNull(config.get(ENDPOINT).orElse(null)));
    if (endpoint != null && endpoint.contains("?")) {
      throw new IllegalArgumentException(
          "storage option " + ENDPOINT + " must not carry a query; give a SAS in " + SAS_TOKEN);
    }
    String sas = blankToNull(config.get(SAS_TOKEN).orElse(null));
    sasToken = sas != null && sas.startsWith("?") ? sas.substring(1) : sas;
    accountKey = blankToNull(config.get(ACCOUNT_KEY).orElse(null));
    boolean anonymous = config.getBoolean(ANONYMOUS, false);
    String envCs = blankToNull(env.apply(ENV_CONNECTION_STRING));

    if (cs != null) {
      authMode = AuthMode.CONNECTION_STRING;
      connectionString = cs;
    } else if (anonymous) {
      authMode = AuthMode.ANONYMOUS;
      connectionString = null;
    } else if (sasToken != null) {
      authMode = AuthMode.SAS_TOKEN;
      connectionString = null;
    } else if (accountKey != null) {
      if (account == null) {
        throw new IllegalArgumentException("storage option " + ACCOUNT_KEY + " needs " + ACCOUNT);
      }
      authMode = AuthMode.SHARED_KEY;
      connectionString = null;
    } else if (envCs != null && account == null) {
      authMode = AuthMode.CONNECTION_STRING;
      connectionString = envCs;
    } else {
      authMode = AuthMode.DEFAULT_CREDENTIAL;
      connectionString = null;
    }
    if (authMode != AuthMode.CONNECTION_STRING && account == null && endpoint == null) {
      throw new IllegalArgumentException(
          "Azure storage needs " + ACCOUNT + " or " + ENDPOINT + " (or " + CONNECTION_STRING
              + ", or the environment variable " + ENV_CONNECTION_STRING + ")");
    }

    maxTries = positiveInt(config, MAX_TRIES, 4);
    tryTimeout = Duration.ofMillis(positiveLong(config, TRY_TIMEOUT_MS, 120_000));
    retryDelay = Duration.ofMillis(positiveLong(config, RETRY_DELAY_MS, 400));
    maxRetryDelay = Duration.ofMillis(positiveLong(config, MAX_RETRY_DELAY_MS, 8_000));
    if (maxRetryDelay.compareTo(retryDelay) < 0) {
      throw new IllegalArgumentException(
          "storage option " + MAX_RETRY_DELAY_MS + " must not be below " + RETRY_DELAY_MS);
    }
    downloadResumes = (int) nonNegativeLong(config, DOWNLOAD_RESUMES, 3);
    connectTimeout = Duration.ofMillis(positiveLong(config, CONNECT_TIMEOUT_MS, 10_000));
    readTimeout = Duration.ofMillis(positiveLong(config, READ_TIMEOUT_MS, 30_000));
    singleUploadMax = positiveLong(config, SINGLE_UPLOAD_MAX, 16 * MIB);
    blockSize = positiveLong(config, BLOCK_SIZE, 8 * MIB);
    if (blockSize > MAX_BLOCK) {
      throw new IllegalArgumentException("storage option " + BLOCK_SIZE + " must be at most " + MAX_BLOCK);
    }
    uploadConcurrency = positiveInt(config, UPLOAD_CONCURRENCY, 4);
    directReads = config.getBoolean(DIRECT_READS, true);
  }

  /** Parses {@code config}, reading the process environment for the connection-string fallback. */
  public static AzureOptions parse(StoreConfig config) {
    return new AzureOptions(config, System::getenv);
  }

  /** Parses {@code config} with {@code env} standing in for the process environment. */
  static AzureOptions parse(StoreConfig config, Map<String, String> env) {
    return new AzureOptions(config, env::get);
  }

  AuthMode authMode() {
    return authMode;
  }

  Optional<String> connectionString() {
    return Optional.ofNullable(connectionString);
  }

  Optional<String> account() {
    return Optional.ofNullable(account);
  }

  Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  Optional<String> sasToken() {
    return Optional.ofNullable(sasToken);
  }

  Optional<String> accountKey() {
    return Optional.ofNullable(accountKey);
  }

  /** The endpoint to use with a credential other than a connection string. */
  String serviceEndpoint() {
    if (endpoint != null) {
      return endpoint;
    }
    return "https://" + account + ".blob.core.windows.net";
  }

  int maxTries() {
    return maxTries;
  }

  Duration tryTimeout() {
    return tryTimeout;
  }

  Duration retryDelay() {
    return retryDelay;
  }

  Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  int downloadResumes() {
    return downloadResumes;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  long singleUploadMax() {
    return singleUploadMax;
  }

  long blockSize() {
    return blockSize;
  }

  int uploadConcurrency() {
    return uploadConcurrency;
  }

  boolean directReads() {
    return directReads;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String stripSlash(String s) {
    String r = s;
    while (r != null && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  private static long positiveLong(StoreConfig config, String key, long dflt) {
    long v = config.getLong(key, dflt);
    if (v <= 0) {
      throw new IllegalArgumentException("storage option " + key + "=" + v + " must be positive");
    }
    return v;
  }

  private static long nonNegativeLong(StoreConfig config, String key, long dflt) {
    long v = config.getLong(key, dflt);
    if (v < 0) {
      throw new IllegalArgumentException("storage option " + key + "=" + v + " must not be negative");
    }
    return v;
  }

  private static int positiveInt(StoreConfig config, String key, int dflt) {
    long v = positiveLong(config, key, dflt);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("storage option " + key + "=" + v + " is too large");
    }
    return (int) v;
  }

  /** Which credential is used, never its value. */
  @Override
  public String toString() {
    return "AzureOptions[auth=" + authMode + (account != null ? ", account=" + account : "")
        + (endpoint != null ? ", endpoint=" + endpoint : "") + ", maxTries=" + maxTries + "]";
  }
}
