package io.trajstream.store;

import java.util.Optional;

/**
 * What a store knows about one object without reading it: its size and, when the store keeps one,
 * a checksum in the store's own form (see {@link Store#checksumOf(java.nio.ByteBuffer)}).
 *
 * @param size the object's length in bytes
 * @param checksum the store's checksum of the object (e.g. an S3 ETag), or null when unknown
 */
public record ObjectStat(long size, String checksum) {
  public ObjectStat {
    if (size < 0) {
      throw new IllegalArgumentException("negative object size " + size);
    }
  }

  /** The checksum, when the store reported one. */
  public Optional<String> checksumIfKnown() {
    return Optional.ofNullable(checksum);
  }
}
