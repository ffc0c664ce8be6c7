/** The {@code s3://} store: {@link io.trajstream.s3.S3StoreFactory}, options in {@link io.trajstream.s3.S3Options}. */
package io.trajstream.s3;
