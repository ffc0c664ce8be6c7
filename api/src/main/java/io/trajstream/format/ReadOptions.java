package io.trajstream.format;

import java.util.Map;

/**
 * Options for opening a trajectory. Common keys: {@code group} (particle group to read), {@code
 * index} (key of a byte-range index beside the data), {@code cache.bytes} (metadata block cache).
 */
public final class ReadOptions extends Options {
  private static final long serialVersionUID = 1L;
  private static final ReadOptions DEFAULTS = new ReadOptions(Map.of());

  private ReadOptions(Map<String, String> values) {
    super(values);
  }

  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  public static ReadOptions of(Map<String, String> values) {
    return new ReadOptions(values);
  }

  public ReadOptions with(String key, String value) {
    return new ReadOptions(copyWith(key, value));
  }
}
