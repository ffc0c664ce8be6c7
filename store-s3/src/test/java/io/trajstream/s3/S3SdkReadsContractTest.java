package io.trajstream.s3;

import java.util.Map;

/**
 * The full store contract with {@code s3.direct-reads=false}: every read through the AWS SDK, the
 * path a store takes when credentials or region come from the SDK's chains.
 */
class S3SdkReadsContractTest extends S3StoreContractTest {
  @Override
  protected Map<String, String> extraOptions() {
    return Map.of("s3.direct-reads", "false");
  }
}
