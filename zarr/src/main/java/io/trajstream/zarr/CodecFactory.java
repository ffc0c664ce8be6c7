package io.trajstream.zarr;

import io.trajstream.ExtensionPoint;
import java.util.Map;

/**
 * Creates {@link Codec}s of one numcodecs id from their JSON configuration. Found with {@link
 * java.util.ServiceLoader}.
 */
@ExtensionPoint
public interface CodecFactory {
  /** The numcodecs id handled, e.g. {@code zstd}. */
  String id();

  /**
   * A codec for {@code config} (the JSON object from {@code .zarray}, {@code id} included).
   *
   * @throws IllegalArgumentException naming the bad key when the configuration is invalid
   */
  Codec create(Map<String, Object> config);
}
