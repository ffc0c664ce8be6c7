package io.trajstream.s3;

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
 */
final class S3ClientHolder implements AutoCloseable {
  private final S3Client client;
  private final SdkHttpClient httpClient;
  private final AwsCredentialsProvider credentials;
  private final ScheduledExecutorService timers;
  private final ExecutorService io;

  S3ClientHolder(S3Options o) {
    this.httpClient =
        Apache5HttpClient.builder()
            .maxConnections(o.maxConnections())
            .connectionTimeout(o.connectTimeout())
            .socketTimeout(o.readTimeout())
            .connectionAcquisitionTimeout(o.callTimeout())
            .tcpKeepAlive(true)
            .build();
    this.credentials = credentials(o);
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(2, IoExecutors.daemonThreads("trajstream-s3-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timers = t;
    this.io = IoExecutors.newBoundedPool("trajstream-s3-io", o.ioThreads());

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
                    .build());
    if (o.endpoint().isPresent()) {
      b.endpointOverride(o.endpoint().get());
    } else {
      b.crossRegionAccessEnabled(true);
    }
    this.client = b.build();
  }

  S3Client client() {
    return client;
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

  @Override
  public void close() {
    client.close();
    httpClient.close();
    if (credentials instanceof SdkAutoCloseable c) {
      c.close();
    }
    io.shutdown();
    timers.shutdownNow();
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
