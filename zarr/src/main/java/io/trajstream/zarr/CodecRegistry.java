package io.trajstream.zarr;

import io.trajstream.format.FormatException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The codecs found with {@link ServiceLoader}, by numcodecs id. */
public final class CodecRegistry {
  private static final class Holder {
    static final CodecRegistry DEFAULT = load(CodecRegistry.class.getClassLoader());
  }

  private final Map<String, CodecFactory> factories;

  private CodecRegistry(Map<String, CodecFactory> factories) {
    this.factories = factories;
  }

  /** The registry of the codecs on the class path of this module. */
  public static CodecRegistry defaults() {
    return Holder.DEFAULT;
  }

  /** Loads all factories visible to {@code loader}; two factories for one id are an error. */
  public static CodecRegistry load(ClassLoader loader) {
    Map<String, CodecFactory> m = new TreeMap<>();
    for (CodecFactory f : ServiceLoader.load(CodecFactory.class, loader)) {
      CodecFactory old = m.put(f.id(), f);
      if (old != null && !old.getClass().equals(f.getClass())) {
        throw new IllegalStateException(
            "codec id '" + f.id() + "' provided twice: " + old.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    return new CodecRegistry(m);
  }

  /** The ids known. */
  public java.util.Set<String> ids() {
    return Collections.unmodifiableSet(factories.keySet());
  }

  /**
   * A codec for {@code config}.
   *
   * @param store the store location, for messages
   * @param array the array path, for messages
   * @throws FormatException naming codec id, array and store when the id is unknown or the
   *     configuration is invalid
   */
  public Codec create(Map<String, Object> config, String store, String array) {
    Object id = config.get("id");
    if (!(id instanceof String sid)) {
      throw new FormatException(store, array, "codec configuration without an 'id': " + config);
    }
    CodecFactory f = factories.get(sid);
    if (f == null) {
      throw new FormatException(
          store, array, "unknown codec '" + sid + "' (known: " + String.join(", ", factories.keySet()) + ")");
    }
    try {
      return f.create(config);
    } catch (IllegalArgumentException e) {
      throw new FormatException(store, array, "codec '" + sid + "': " + e.getMessage(), e);
    }
  }
}
