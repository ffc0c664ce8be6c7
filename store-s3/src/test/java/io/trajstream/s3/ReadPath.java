package io.trajstream.s3;

import io.trajstream.store.Store;
import java.io.IOException;
import java.util.Map;

/**
 * The two ways an S3 store reads: the signed HTTP/1.1 client ({@link S3DirectReads}, the default
 * when credentials and region are given directly) and the AWS SDK ({@code s3.direct-reads=false},
 * the path of profile or role credentials, an unknown region, or a bucket in another region).
 * Tests run the same expectations on both by adding {@link #options()} to a store's options.
 */
enum ReadPath {
  DIRECT(Map.of()),
  SDK(Map.of("s3.direct-reads", "false"));

  private final Map<String, String> options;

  ReadPath(Map<String, String> options) {
    this.options = options;
  }

  /** The options that choose this path (added to the server's). */
  Map<String, String> options() {
    return options;
  }

  /** {@code store}, after checking that it reads by this path (so a test cannot pass on the other). */
  <S extends Store> S check(S store) throws IOException {
    boolean direct = ((S3Store) store).direct() != null;
    if (direct != (this == DIRECT)) {
      store.close();
      throw new IllegalStateException(store + " reads " + (direct ? "directly" : "through the SDK")
          + ", not by the " + this + " path the test is for");
    }
    return store;
  }
}
