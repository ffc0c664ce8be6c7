package io.trajstream.s3;

/**
 * The hostile-server matrix of {@link S3HostileTest} with {@code s3.direct-reads=false}: every
 * HEAD and GET through the AWS SDK ({@link S3Input}'s checks of Content-Range and body length, its
 * abort instead of drain, {@link S3Retries}), with the same documented outcomes as the direct path.
 */
class S3SdkReadsHostileTest extends S3HostileTest {
  @Override
  protected ReadPath readPath() {
    return ReadPath.SDK;
  }
}
