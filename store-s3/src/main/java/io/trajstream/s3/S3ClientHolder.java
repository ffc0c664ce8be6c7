package io.trajstream.s3;

import io.trajstream.store.BackgroundClient;
import io.trajstream.store.IoExecutors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An {@link S3Client} built from {@link S3Options}, with the resources it owns: the HTTP client
 * (Apache HttpClient 5, no netty), the credentials provider, and our own bounded pools for timeouts
 * and for parallel reads and upload parts. Closing it closes all of them. Which failures are
 * retried is {@link S3Retries}' choice, not the SDK's default.
 *
 * <p>Building the SDK client loads and initialises much of the SDK (seconds in a cold JVM on a busy
 * machine), so it is built on a thread of its own from the moment the store is created: opening a
 * trajectory does its other work (plugins, format classes, caches) meanwhile, and the first request
 * waits only for what is left. A failure to build is reported by every use of the client.
 */
final class S3ClientHolder implements AutoCloseable {
  private final S3Options options;
  private volatile BackgroundClient<SdkParts> sdk;
  private final ExecutorService io;

  /** The SDK client and what it was built from, each closed with it. */
  private record SdkParts(S3Client client, SdkHttpClient httpClient, AwsCredentialsProvider credentials,
      ScheduledExecutorService timers) {}

  /** The SDK client built in the background from now on ({@code buildNow}), or from its first use. */
  S3ClientHolder(S3Options o, boolean buildNow) {
    this.options = o;
    this.io = IoExecutors.newBoundedPool("trajstream-s3-io", o.ioThreads());
    if (buildNow) {
      this.sdk = startBuild();
    }
  }

  private BackgroundClient<SdkParts> startBuild() {
    return new BackgroundClient<>("trajstream-s3-client", () -> build(options), S3ClientHolder::closeParts);
  }

  private static SdkParts build(S3Options o) {
    Apache5HttpClient.Builder http =
        Apache5HttpClient.builder()
            .maxConnections(o.maxConnections())
            .connectionTimeout(o.connectTimeout())
            .socketTimeout(o.readTimeout())
            .connectionAcquisitionTimeout(o.callTimeout())
            .tcpKeepAlive(true);
    if (o.endpoint().isPresent() && "http".equalsIgnoreCase(o.endpoint().get().getScheme())) {
      http.tlsSocketStrategy(new LazyTls());
    }
    SdkHttpClient httpClient = http.build();
    AwsCredentialsProvider credentials = credentials(o);
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, IoExecutors.daemonThreads("trajstream-s3-timer"));
    timers.setRemoveOnCancelPolicy(true);

    RetryStrategy retries = S3Retries.strategy(o.maxAttempts(), o.adaptiveRetries());
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(httpClient)
            .credentialsProvider(credentials)
            .region(region(o))
            .forcePathStyle(o.pathStyle())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(retries)
                    .apiCallAttemptTimeout(o.attemptTimeout())
                    .apiCallTimeout(o.callTimeout())
                    .scheduledExecutorService(timers)
                    .addExecutionInterceptor(new RetryAfterSeconds())
                    .build());
    if (o.endpoint().isPresent()) {
      b.endpointOverride(o.endpoint().get());
    } else {
      b.crossRegionAccessEnabled(true);
    }
    return new SdkParts(b.build(), httpClient, credentials, timers);
  }

  private SdkParts sdk() {
    BackgroundClient<SdkParts> b = sdk;
    if (b == null) {
      synchronized (this) {
        b = sdk;
        if (b == null) {
          b = startBuild();
          sdk = b;
        }
      }
    }
    return b.get();
  }

  /** Whether the SDK client was asked for (and so built or being built). */
  synchronized boolean built() {
    return sdk != null;
  }

  S3Client client() {
    return sdk().client();
  }

  /** Our bounded pool for vectored reads and upload parts. */
  ExecutorService io() {
    return io;
  }

  /**
   * Anonymous access uses no chain at all (no environment, files or instance metadata are
   * consulted); explicit keys win over a profile, a profile over the default chain.
   */
  private static AwsCredentialsProvider credentials(S3Options o) {
    if (o.anonymous()) {
      return AnonymousCredentialsProvider.create();
    }
    if (o.accessKeyId().isPresent()) {
      String id = o.accessKeyId().get();
      String secret = o.secretAccessKey().orElseThrow();
      return StaticCredentialsProvider.create(
          o.sessionToken().isPresent()
              ? AwsSessionCredentials.create(id, secret, o.sessionToken().get())
              : AwsBasicCredentials.create(id, secret));
    }
    if (o.profile().isPresent()) {
      return ProfileCredentialsProvider.builder().profileName(o.profile().get()).build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * The region: the option, else {@code aws.region}/{@code AWS_REGION}, else the profile file, else
   * us-east-1. Instance metadata is never asked, so opening a store never waits on it.
   */
  private static Region region(S3Options o) {
    if (o.region().isPresent()) {
      return Region.of(o.region().get());
    }
    try {
      AwsRegionProviderChain chain =
          new AwsRegionProviderChain(
              new SystemSettingsRegionProvider(),
              o.profile().isPresent()
                  ? new AwsProfileRegionProvider(null, o.profile().get())
                  : new AwsProfileRegionProvider());
      return chain.getRegion();
    } catch (RuntimeException e) {
      return Region.US_EAST_1;
    }
  }

  private static void closeParts(SdkParts parts) {
    parts.client().close();
    parts.httpClient().close();
    if (parts.credentials() instanceof SdkAutoCloseable c) {
      c.close();
    }
    parts.timers().shutdownNow();
  }

  @Override
  public void close() {
    BackgroundClient<SdkParts> b;
    synchronized (this) {
      b = sdk;
    }
    if (b != null) {
      b.close();
    }
    io.shutdown();
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
