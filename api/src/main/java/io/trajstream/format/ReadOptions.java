package io.trajstream.format;

import io.trajstream.store.VectoredReadOptions;
import java.util.Map;

/**
 * Options for opening a trajectory. Common keys: {@code group} (particle group to read), {@code
 * index} (key of a byte-range index beside the data), {@code cache.bytes} (metadata block cache),
 * {@code coalesce-gap} and {@code coalesce-max} (see {@link #vectoredReads()}).
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

  /**
   * How vectored reads merge nearby ranges: {@code coalesce-gap} (largest gap bridged; {@code -1}
   * merges nothing, not even adjacent ranges), {@code coalesce-max} (largest merged request) and
   * {@code part-size} (longer merged requests go out as parallel ranged requests of this size;
   * default: the store's hint, e.g. 8 MiB for remote stores and no split for local files; {@code
   * -1} never splits), byte sizes defaulting to {@link VectoredReadOptions#DEFAULT}. One request
   * cannot exceed 2 GiB - 1 bytes, so larger values mean that; bad values are errors naming the
   * option.
   */
  public VectoredReadOptions vectoredReads() {
    VectoredReadOptions d = VectoredReadOptions.DEFAULT;
    String gap = get("coalesce-gap").map(String::trim).orElse(null);
    int maxGap = "-1".equals(gap) ? VectoredReadOptions.NO_MERGE.maxGap() : requestBytes("coalesce-gap", d.maxGap());
    String part = get("part-size").map(String::trim).orElse(null);
    int partSize = "-1".equals(part) || "none".equalsIgnoreCase(part) ? -1 : requestBytes("part-size", d.partSize());
    return new VectoredReadOptions(maxGap, requestBytes("coalesce-max", d.maxMergedSize()), partSize);
  }

  private int requestBytes(String key, int defaultValue) {
    return (int) Math.min(Integer.MAX_VALUE, getBytes(key, defaultValue));
  }

  public ReadOptions with(String key, String value) {
    return new ReadOptions(copyWith(key, value));
  }
}
