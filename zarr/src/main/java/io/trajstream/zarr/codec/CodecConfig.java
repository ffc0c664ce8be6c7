package io.trajstream.zarr.codec;

import io.trajstream.zarr.DataType;
import java.util.Map;

/** Typed access to a codec's JSON configuration; errors name the codec and key. */
final class CodecConfig {
  private CodecConfig() {}

  static int getInt(Map<String, Object> c, String key, int defaultValue) {
    Object v = c.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("'" + key + "' is " + v + ", expected an integer");
  }

  static String getString(Map<String, Object> c, String key, String defaultValue) {
    Object v = c.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("'" + key + "' is " + v + ", expected a string");
  }

  static DataType getType(Map<String, Object> c, String key, DataType defaultValue) {
    String s = getString(c, key, null);
    if (s == null) {
      if (defaultValue == null) {
        throw new IllegalArgumentException("'" + key + "' is missing");
      }
      return defaultValue;
    }
    return DataType.parse(s);
  }
}
