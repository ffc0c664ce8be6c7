package io.trajstream.s3;

/**
 * The fault matrix and S3 specifics of {@link S3FaultTest} with {@code s3.direct-reads=false}:
 * every HEAD and GET through the AWS SDK and {@link S3Retries}, with the same outcomes, messages
 * and attempt counts as the direct path, and no secret printed.
 */
class S3SdkReadsFaultTest extends S3FaultTest {
  @Override
  protected ReadPath readPath() {
    return ReadPath.SDK;
  }
}
