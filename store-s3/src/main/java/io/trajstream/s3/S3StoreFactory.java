package io.trajstream.s3;

import io.trajstream.store.Store;
import io.trajstream.store.StoreConfig;
import io.trajstream.store.StoreFactory;
import java.net.URI;
import java.util.Set;

/**
 * Opens {@code s3://bucket/prefix} stores on the AWS SDK for Java v2. Options are the {@code s3.*}
 * keys described by {@link S3Options}; without them the SDK's default credential chain and the
 * {@code AWS_*} environment apply.
 */
public final class S3StoreFactory implements StoreFactory {
  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public Set<String> optionNames() {
    return S3Options.NAMES;
  }

  @Override
  public Store create(URI root, StoreConfig config) {
    if (!"s3".equalsIgnoreCase(root.getScheme())) {
      throw new IllegalArgumentException("not an s3:// URL: " + root);
    }
    String bucket = root.getHost() != null ? root.getHost() : root.getAuthority();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("s3 URL without a bucket: " + root + " (expected s3://bucket/prefix)");
    }
    String path = root.getPath() == null ? "" : root.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!path.isEmpty() && !path.endsWith("/")) {
      path = path + "/";
    }
    S3Options options = S3Options.from(config);
    java.util.Optional<S3DirectReads> direct = S3DirectReads.of(options, bucket, System.getenv());
    // with direct reads, a read-only run never needs the SDK: it is built on first use only
    return new S3Store(new S3ClientHolder(options, direct.isEmpty()), direct.orElse(null), options, bucket, path);
  }
}
