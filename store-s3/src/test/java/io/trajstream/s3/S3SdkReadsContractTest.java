package io.trajstream.s3;

/**
 * The full store contract with {@code s3.direct-reads=false}: every read through the AWS SDK, the
 * path a store takes when credentials or region come from the SDK's chains.
 */
class S3SdkReadsContractTest extends S3StoreContractTest {
  @Override
  protected ReadPath readPath() {
    return ReadPath.SDK;
  }
}
