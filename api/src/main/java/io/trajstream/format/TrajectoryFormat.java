package io.trajstream.format;

import io.trajstream.ExtensionPoint;
import io.trajstream.store.Store;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A trajectory file format. Found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.trajstream.format.TrajectoryFormat}. A format never knows which store
 * it reads from.
 */
@ExtensionPoint
public interface TrajectoryFormat {
  /** Short name, e.g. {@code h5md}. */
  String name();

  /** File name extensions including the dot, e.g. {@code .h5md}. */
  Set<String> extensions();

  /**
   * Cheaply checks whether {@code key} is in this format (a few bytes, or the existence of one
   * metadata object; never a listing). Empty when it is not.
   */
  Optional<Probe> probe(Store store, String key) throws IOException;

  /** Opens a trajectory for reading. */
  TrajectoryReader open(Store store, String key, ReadOptions options) throws IOException;

  /** Whether {@link #create} works. */
  default boolean canWrite() {
    return false;
  }

  /**
   * Creates (or, with option {@code append=true}, extends) a trajectory shaped like {@code
   * template}: its atom count, fields, units, boundary, author and creator.
   */
  default TrajectoryWriter create(Store store, String key, TrajectoryInfo template, WriteOptions options)
      throws IOException {
    throw new UnsupportedOperationException("format " + name() + " cannot write");
  }
}
