package io.trajstream.format;

import java.util.Map;

/**
 * Options for writing a trajectory. Common keys: {@code chunk-frames}, {@code chunk-bytes}, {@code
 * compressor} (e.g. {@code blosc:lz4:5}, {@code zstd:3}, {@code gzip:4}, {@code none}), {@code
 * precision} (decimal digits kept), {@code append} ({@code true} to add frames to an existing
 * trajectory).
 */
public final class WriteOptions extends Options {
  private static final long serialVersionUID = 1L;
  private static final WriteOptions DEFAULTS = new WriteOptions(Map.of());

  private WriteOptions(Map<String, String> values) {
    super(values);
  }

  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  public static WriteOptions of(Map<String, String> values) {
    return new WriteOptions(values);
  }

  public WriteOptions with(String key, String value) {
    return new WriteOptions(copyWith(key, value));
  }
}
