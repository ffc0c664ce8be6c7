package io.trajstream.h5md.tree;

import java.util.Map;

/**
 * A group or dataset of an HDF5 file as TrajStream needs it: path, attributes, and for datasets
 * the storage layout. Built from the file's own metadata or from a byte-range index.
 */
public sealed interface H5Node permits H5Group, H5Dataset {
  /** Absolute path without leading slash, e.g. {@code particles/trajectory/position/value}. */
  String path();

  /** The last path component. */
  default String name() {
    String p = path();
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /**
   * Attributes as plain Java values: {@code String}, {@code List<String>}, {@code Long}, {@code
   * Double}, {@code long[]} or {@code double[]}.
   */
  Map<String, Object> attributes();

  /** The identity of the stored object (hard links share it), e.g. its object header address. */
  long objectId();
}
