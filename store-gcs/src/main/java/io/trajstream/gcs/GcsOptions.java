package io.trajstream.gcs;

import io.trajstream.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a {@code gs://} store, read from {@link StoreConfig} keys and the environment.
 *
 * <ul>
 *   <li>{@code gcs.host}: JSON-API endpoint, e.g. {@code http://127.0.0.1:4443}; default Google's.
 *   <li>{@code gcs.project}: project id (only needed for project-level calls); default: the
 *       client's own discovery, skipped in anonymous mode.
 *   <li>{@code gcs.anonymous}: send unsigned requests and never look for credentials (public
 *       buckets, emulators). Default false, or true when the endpoint comes from {@code
 *       STORAGE_EMULATOR_HOST}.
 *   <li>{@code gcs.max-attempts} (6), {@code gcs.retry-initial-delay-ms} (250), {@code
 *       gcs.retry-max-delay-ms} (8000), {@code gcs.retry-total-timeout-ms} (120000): the client's
 *       retry settings (exponential back-off ×2 with jitter).
 *   <li>{@code gcs.connect-timeout-ms} (20000), {@code gcs.read-timeout-ms} (60000).
 *   <li>{@code gcs.resumable-threshold} (8 MiB): larger writes use a resumable upload, smaller
 *       ones a single multipart request; {@code gcs.resumable-chunk-size} (8 MiB, a multiple of
 *       256 KiB): bytes per resumable request.
 *   <li>{@code gcs.upload-state-dir}: where {@link GcsStore#writeResumable} keeps the session of
 *       each unfinished upload, so that a rerun carries it on; default {@code
 *       $XDG_CACHE_HOME/trajstream/gcs-uploads}, else {@code ~/.cache/trajstream/gcs-uploads}.
 *   <li>{@code gcs.direct-reads} (true): reads (metadata, downloads, {@code exists}, {@code
 *       stat}) are sent without google-cloud-storage ({@link GcsDirectReads}), unsigned in
 *       anonymous mode, else with the credentials' access token; the client is then built only for
 *       a listing or a write. False: every request through the client.
 * </ul>
 *
 * Without {@code gcs.host}, the environment variable {@code STORAGE_EMULATOR_HOST} (as other
 * Google clients read it) names the endpoint; otherwise Application Default Credentials are used.
 */
public record GcsOptions(
    Optional<String> host,
    Optional<String> project,
    boolean anonymous,
    int maxAttempts,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    Duration retryTotalTimeout,
    Duration connectTimeout,
    Duration readTimeout,
    long resumableThreshold,
    int resumableChunkSize,
    Path uploadStateDir,
    boolean directReads) {

  public static final String HOST = "gcs.host";
  public static final String PROJECT = "gcs.project";
  public static final String ANONYMOUS = "gcs.anonymous";
  public static final String MAX_ATTEMPTS = "gcs.max-attempts";
  public static final String RETRY_INITIAL_DELAY_MS = "gcs.retry-initial-delay-ms";
  public static final String RETRY_MAX_DELAY_MS = "gcs.retry-max-delay-ms";
  public static final String RETRY_TOTAL_TIMEOUT_MS = "gcs.retry-total-timeout-ms";
  public static final String CONNECT_TIMEOUT_MS = "gcs.connect-timeout-ms";
  public static final String READ_TIMEOUT_MS = "gcs.read-timeout-ms";
  public static final String RESUMABLE_THRESHOLD = "gcs.resumable-threshold";
  public static final String RESUMABLE_CHUNK_SIZE = "gcs.resumable-chunk-size";
  public static final String UPLOAD_STATE_DIR = "gcs.upload-state-dir";
  public static final String DIRECT_READS = "gcs.direct-reads";
  /** The environment variable Google's clients read for an emulator endpoint. */
  public static final String EMULATOR_HOST_ENV = "STORAGE_EMULATOR_HOST";

  private static final int UPLOAD_QUANTUM = 256 * 1024;

  public GcsOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("storage option " + MAX_ATTEMPTS + " must be >= 1, got " + maxAttempts);
    }
    if (resumableChunkSize < UPLOAD_QUANTUM || resumableChunkSize % UPLOAD_QUANTUM != 0) {
      throw new IllegalArgumentException("storage option " + RESUMABLE_CHUNK_SIZE
          + " must be a positive multiple of 262144 (256 KiB), got " + resumableChunkSize);
    }
    if (resumableThreshold < 0) {
      throw new IllegalArgumentException("storage option " + RESUMABLE_THRESHOLD + " must be >= 0");
    }
  }

  /** Reads the options from {@code config}, falling back to {@code env} as described above. */
  public static GcsOptions from(StoreConfig config, Map<String, String> env) {
    Optional<String> host = config.get(HOST).map(String::trim).filter(s -> !s.isEmpty());
    boolean fromEmulatorEnv = false;
    if (host.isEmpty()) {
      String emulator = env.get(EMULATOR_HOST_ENV);
      if (emulator != null && !emulator.isBlank()) {
        host = Optional.of(emulator.trim());
        fromEmulatorEnv = true;
      }
    }
    host = host.map(GcsOptions::withScheme);
    return new GcsOptions(
        host,
        config.get(PROJECT).map(String::trim).filter(s -> !s.isEmpty()),
        config.getBoolean(ANONYMOUS, fromEmulatorEnv),
        config.getInt(MAX_ATTEMPTS, 6),
        Duration.ofMillis(config.getLong(RETRY_INITIAL_DELAY_MS, 250)),
        Duration.ofMillis(config.getLong(RETRY_MAX_DELAY_MS, 8_000)),
        Duration.ofMillis(config.getLong(RETRY_TOTAL_TIMEOUT_MS, 120_000)),
        Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_MS, 20_000)),
        Duration.ofMillis(config.getLong(READ_TIMEOUT_MS, 60_000)),
        config.getLong(RESUMABLE_THRESHOLD, 8L * 1024 * 1024),
        config.getInt(RESUMABLE_CHUNK_SIZE, 8 * 1024 * 1024),
        config.get(UPLOAD_STATE_DIR).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
            .orElseGet(() -> defaultUploadStateDir(env)),
        config.getBoolean(DIRECT_READS, true));
  }

  /** {@code $XDG_CACHE_HOME/trajstream/gcs-uploads}, else {@code ~/.cache/trajstream/gcs-uploads}. */
  static Path defaultUploadStateDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg.trim()) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("trajstream").resolve("gcs-uploads");
  }

  /** {@code localhost:4443} → {@code http://localhost:4443}, as emulator variables are usually given. */
  static String withScheme(String host) {
    String h = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    return h.contains("://") ? h : "http://" + h;
  }
}
