/** An embedded S3 API server (S3Proxy) for tests and benchmarks of s3:// stores. */
package io.trajstream.testkit.s3;
