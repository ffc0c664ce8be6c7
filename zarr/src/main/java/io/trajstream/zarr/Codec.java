package io.trajstream.zarr;

import io.trajstream.ExtensionPoint;
import java.io.IOException;
import java.util.Map;

/**
 * One step of a Zarr v2 codec pipeline: a filter (e.g. {@code quantize}) or a compressor (e.g.
 * {@code blosc}), configured as in numcodecs. Instances are immutable and thread-safe. New codecs
 * are added by listing a {@link CodecFactory} in {@code META-INF/services/io.trajstream.zarr.CodecFactory}.
 */
@ExtensionPoint
public interface Codec {
  /** The numcodecs id, e.g. {@code blosc}. */
  String id();

  /**
   * The configuration as written in {@code .zarray}, including {@code id}; only keys that
   * numcodecs itself accepts.
   */
  Map<String, Object> config();

  /**
   * Encodes a buffer whose elements are of type {@code type} (the array's type, or what the
   * previous filter produced).
   */
  byte[] encode(byte[] data, DataType type) throws IOException;

  /** Decodes what {@link #encode} produced; {@code type} as given to {@link #encode}'s output side. */
  byte[] decode(byte[] data, DataType type) throws IOException;

  /**
   * As {@link #decode(byte[], DataType)}, for a result of at most {@code maxBytes} bytes (what the
   * array's chunk shape allows): a codec whose encoded form declares a larger size fails with an
   * {@link IOException} before allocating it. The built-in codecs check first; this default
   * checks the result.
   */
  default byte[] decode(byte[] data, DataType type, int maxBytes) throws IOException {
    byte[] out = decode(data, type);
    if (out.length > maxBytes) {
      throw new IOException(id() + ": decoded " + out.length + " bytes, more than the " + maxBytes + " of a chunk");
    }
    return out;
  }

  /** The element type of this codec's output, given its input type (filters may change it). */
  default DataType encodedType(DataType input) {
    return input;
  }
}
